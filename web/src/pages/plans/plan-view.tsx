import { Badge, Card, List, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCatalogue } from '../../api/catalogue';
import { useStaffDirectory } from '../../api/episodes';
import { usePartners } from '../../api/partners';
import { attainmentLevels, useRelatives, type ActionActor, type Agreement, type AttainmentLevel, type PlanAction, type PlanContent, type PlanGoal, type PlanVersionSummary } from '../../api/plans';
import type { Catalogue, DirectoryEntry, Partner, Relative } from '../../api/types';
import { Fact, FactGroup } from '../../components/Facts';
import { catalogueName, formatDate, fullName } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { ScrollTable } from '../admissions/ScrollTable';

type Translate = ReturnType<typeof useTranslation>['t'];

/** Text between French quotation marks, with the non-breaking spaces French typography puts inside. */
export function quote(text: string, t: Translate): string {
  return t('plans.plan.quoted', { text });
}

/** "−2", "+1", "0": the level as a signed number, with a true minus sign. */
export function levelNumber(level: AttainmentLevel): string {
  return level === '0' ? '0' : level.startsWith('-') ? `−${level.slice(1)}` : `+${level}`;
}

/** The level with its meaning: "−2 · bien moins que prévu", "0 · résultat attendu". */
export function levelLabel(level: AttainmentLevel, t: Translate): string {
  return t('plans.plan.levelLabel', { number: levelNumber(level), meaning: t(`plans.plan.levels.${levelKey(level)}`) });
}

export function levelKey(level: AttainmentLevel): 'm2' | 'm1' | 'zero' | 'p1' | 'p2' {
  switch (level) {
    case '-2':
      return 'm2';
    case '-1':
      return 'm1';
    case '0':
      return 'zero';
    case '1':
      return 'p1';
    case '2':
      return 'p2';
  }
}

/** Everyone an action may name (staff, disciplines, partners, relatives), to say who in words. */
export interface ActorDirectory {
  personName: string;
  staff: DirectoryEntry[];
  catalogue: Catalogue;
  partners: Partner[];
  relatives: Relative[];
}

/** The lists the plan's words need; pending until all have arrived. */
export function useActorDirectory(personId: string, personName: string) {
  const staff = useStaffDirectory();
  const catalogue = useCatalogue();
  // Archived partners too: an older version may name one.
  const partners = usePartners(true);
  const relatives = useRelatives(personId);
  const queries = [staff, catalogue, partners, relatives];
  const error = queries.find((q) => q.isError)?.error ?? null;
  const data: ActorDirectory | null =
    staff.data && catalogue.data && partners.data && relatives.data ? { personName, staff: staff.data, catalogue: catalogue.data, partners: partners.data, relatives: relatives.data } : null;
  return { data, error, isPending: !data && !error };
}

/** Who carries out an action, in words. */
export function actorText(who: ActionActor, directory: ActorDirectory, t: Translate): string {
  const locale = currentLocale();
  switch (who.kind) {
    case 'staff': {
      const member = directory.staff.find((s) => s.id === who.staffMemberId);
      return member ? fullName(member) : t('plans.plan.who.staffGone');
    }
    case 'discipline': {
      const discipline = directory.catalogue.disciplines.find((d) => d.id === who.disciplineId);
      return discipline ? t('plans.plan.who.discipline', { name: catalogueName(discipline, locale) }) : t('plans.plan.who.disciplineGone');
    }
    case 'partner': {
      const partner = directory.partners.find((p) => p.id === who.partnerId);
      return partner ? t('plans.plan.who.partner', { name: partner.name }) : t('plans.plan.who.partnerGone');
    }
    case 'person':
      return t('plans.plan.who.person', { name: directory.personName });
    case 'relative': {
      const relative = directory.relatives.find((r) => r.id === who.relativeId);
      return relative ? t('plans.plan.who.relative', { name: fullName(relative), relationship: t(`circle.relationships.${relative.relationship}`) }) : t('plans.plan.who.relativeGone');
    }
  }
}

/** The stage a version is at, in words: brouillon, proposé, validé le…, en vigueur depuis le…, remplacé. */
export function PlanStatusBadge({ version }: { version: Pick<PlanVersionSummary, 'status' | 'agreedOn' | 'activeFrom'> }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const colour = { draft: 'gray', proposed: 'orange', agreed: 'relais', active: 'green', superseded: 'gray' }[version.status];
  let text: string;
  switch (version.status) {
    case 'agreed':
      text = version.agreedOn ? t('plans.plan.status.agreedOn', { date: formatDate(version.agreedOn, locale) }) : t('plans.plan.status.agreed');
      break;
    case 'active':
      text = version.activeFrom ? t('plans.plan.status.activeFrom', { date: formatDate(version.activeFrom, locale) }) : t('plans.plan.status.active');
      break;
    case 'draft':
    case 'proposed':
    case 'superseded':
      text = t(`plans.plan.status.${version.status}`);
      break;
  }
  return (
    <Badge color={colour} variant="light" size="lg" tt="none" data-testid="plan-status">
      {text}
    </Badge>
  );
}

/** The signatures and refusals recorded on a version, as sentences. */
export function AgreementList({ agreements }: { agreements: Agreement[] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (agreements.length === 0) return null;
  return (
    <List size="sm" spacing={4} data-testid="agreement-list">
      {agreements.map((a) => {
        const values = { name: a.signerName, party: t(`plans.agreement.parties.${a.party}`), date: formatDate(a.signedOn, locale) };
        return (
          <List.Item key={a.party}>
            {a.outcome === 'signed' ? (
              <>
                {t('plans.agreement.signedLine', values)}
                {a.drawnSignature ? ` ${t('plans.agreement.drawn')}` : ''}
              </>
            ) : (
              <>
                {t('plans.agreement.refusedLine', values)}
                {a.refusalNote && (
                  <Text span inherit className="keep-lines">
                    {' '}
                    {quote(a.refusalNote, t)}
                  </Text>
                )}
              </>
            )}
          </List.Item>
        );
      })}
    </List>
  );
}

/** A plan version's content, read-only: the summary, then each goal in the person's words first. */
export function PlanContentView({ content, directory, idPrefix }: { content: PlanContent; directory: ActorDirectory; idPrefix: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={3} size="h4">
          {t('plans.plan.summary')}
        </Title>
        {content.summary ? <Text className="keep-lines">{content.summary}</Text> : <Text c="dimmed">{t('plans.plan.noSummary')}</Text>}
      </Stack>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('plans.plan.goalsCount', { count: content.goals.length })}
        </Title>
        {content.goals.length === 0 ? (
          <Text c="dimmed">{t('plans.plan.noGoals')}</Text>
        ) : (
          <ol className="plain-list">
            {content.goals.map((goal, index) => (
              <li key={goal.id}>
                <GoalView goal={goal} position={index + 1} directory={directory} headingId={`${idPrefix}-goal-${goal.id}`} />
              </li>
            ))}
          </ol>
        )}
      </Stack>
    </Stack>
  );
}

function GoalView({ goal, position, directory, headingId }: { goal: PlanGoal; position: number; directory: ActorDirectory; headingId: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-labelledby={headingId} data-testid="plan-goal">
      <Stack gap="md">
        <Stack gap={2}>
          <Text size="sm" c="dimmed" fw={600}>
            {t('plans.plan.goalNumber', { n: position })}
          </Text>
          <Title order={4} size="h4" id={headingId} className="person-words">
            {quote(goal.personWording, t)}
          </Title>
          {goal.professionalWording && (
            <Text size="sm">
              <Text span inherit c="dimmed">
                {t('plans.plan.professionalWording')}
                {t('common.colon')}
              </Text>
              {goal.professionalWording}
            </Text>
          )}
        </Stack>
        <FactGroup>
          <Fact label={t('plans.plan.domain')}>{t(`plans.plan.domains.${goal.domain}`)}</Fact>
          <Fact label={t('plans.plan.proposedBy')}>{t(`plans.plan.proposers.${goal.proposedBy}`)}</Fact>
          <Fact label={t('plans.plan.priority')}>{t(`plans.plan.priorities.p${goal.priority}`)}</Fact>
          <Fact label={t('plans.plan.targetOn')} empty={t('plans.plan.noTarget')}>
            {goal.targetOn ? formatDate(goal.targetOn, locale) : null}
          </Fact>
          {goal.weight !== 1 && <Fact label={t('plans.plan.weight')}>{String(goal.weight)}</Fact>}
        </FactGroup>
        <div className="autonomy-aim">
          <Text size="sm" c="dimmed">
            {t('plans.plan.autonomyAim')}
          </Text>
          <Text fw={600} className="keep-lines">
            {goal.autonomyAim}
          </Text>
        </div>
        <Stack gap={6}>
          <Title order={5} size="h5">
            {t('plans.plan.scale')}
          </Title>
          <ol className="plain-list scale-list">
            {attainmentLevels.map((level) => (
              <li key={level} className={level === '0' ? 'scale-level scale-expected' : 'scale-level'}>
                <Text span fw={650} className="scale-number">
                  {levelNumber(level)}
                </Text>
                <span>
                  <Text span size="sm" c="dimmed" display="block">
                    {t(`plans.plan.levels.${levelKey(level)}`)}
                  </Text>
                  <Text span className="keep-lines">
                    {goal.scale[level]}
                  </Text>
                </span>
              </li>
            ))}
          </ol>
        </Stack>
        <Stack gap={6}>
          <Title order={5} size="h5">
            {t('plans.plan.actionsCount', { count: goal.actions.length })}
          </Title>
          {goal.actions.length === 0 ? <Text c="dimmed">{t('plans.plan.noActions')}</Text> : <ActionsTable actions={goal.actions} directory={directory} position={position} />}
        </Stack>
      </Stack>
    </Card>
  );
}

function ActionsTable({ actions, directory, position }: { actions: PlanAction[]; directory: ActorDirectory; position: number }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const label = t('plans.plan.actionsOf', { n: position });
  const period = (a: PlanAction) => {
    if (a.startOn && a.endOn) return t('plans.plan.period.fromTo', { from: formatDate(a.startOn, locale), to: formatDate(a.endOn, locale) });
    if (a.startOn) return t('plans.plan.period.from', { from: formatDate(a.startOn, locale) });
    if (a.endOn) return t('plans.plan.period.until', { to: formatDate(a.endOn, locale) });
    return t('plans.plan.period.none');
  };
  return (
    <ScrollTable minWidth={620} label={label}>
      <Table verticalSpacing="xs" striped aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('plans.plan.who.label')}</Table.Th>
            <Table.Th scope="col">{t('plans.plan.what')}</Table.Th>
            <Table.Th scope="col">{t('plans.plan.frequency')}</Table.Th>
            <Table.Th scope="col">{t('plans.plan.when')}</Table.Th>
            <Table.Th scope="col">{t('plans.plan.actionStatus')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {actions.map((a) => (
            <Table.Tr key={a.id} data-testid="plan-action">
              <Table.Td>{actorText(a.who, directory, t)}</Table.Td>
              <Table.Td className="keep-lines">{a.what}</Table.Td>
              <Table.Td>{a.frequency ?? t('plans.plan.noFrequency')}</Table.Td>
              <Table.Td>{period(a)}</Table.Td>
              <Table.Td>{t(`plans.plan.actionStatuses.${a.status}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
