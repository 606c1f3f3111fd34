import { Alert, Button, Drawer, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { randomId } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  actionStatuses,
  actorKinds,
  attainmentLevels,
  conflictOf,
  episodePlanKey,
  fetchEpisodePlan,
  goalPriorities,
  goalProposers,
  lifeDomains,
  savePlanVersion,
  type ActionStatus,
  type ActorKind,
  type AttainmentScale,
  type GoalPriority,
  type GoalProposer,
  type LifeDomain,
  type PlanContent,
  type PlanContentInput,
  type VersionConflict,
} from '../../api/plans';
import { useActiveSession } from '../../api/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EditableList } from '../../components/EditableList';
import { Section } from '../../components/Facts';
import { FieldGroup } from '../../components/FieldGroup';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RadioFieldset } from '../../components/RadioFieldset';
import { catalogueName, formatDateTime, fullName } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { StaffSelect } from '../admissions/StaffSelect';
import type { EpisodeView } from './EpisodePage';
import { levelLabel, PlanContentView, PlanStatusBadge, type ActorDirectory } from './plan-view';
import { useIdempotencyKey } from '../../api/idempotency';

// The limits the API sets (src/modules/plans/routes.ts), said before sending.
const maxGoals = 30;
const maxActions = 30;

interface ActorValues {
  kind: ActorKind;
  staffMemberId: string;
  disciplineId: string;
  partnerId: string;
  relativeId: string;
}

interface ActionValues {
  key: string;
  /** The action's id in the version the editor started from; null for a new one. */
  id: string | null;
  who: ActorValues;
  what: string;
  frequency: string;
  startOn: string;
  endOn: string;
  status: ActionStatus;
}

interface GoalValues {
  key: string;
  /** Kept across versions (evaluations refer to it); null for a new goal. */
  id: string | null;
  personWording: string;
  professionalWording: string;
  domain: LifeDomain | '';
  proposedBy: GoalProposer;
  priority: string;
  targetOn: string;
  autonomyAim: string;
  scale: AttainmentScale;
  /** Text for the field; "" is the default weight (1). */
  weight: string;
  actions: ActionValues[];
}

/** Shaped like the request body, so the server's field errors ("body.content.goals.0.scale.2") land on their field. */
export interface PlanEditorValues extends Record<string, unknown> {
  content: { summary: string; goals: GoalValues[] };
  changeNote: string;
}

/** Where an edit starts: the version it is based on (null for the first) and the form's content. */
export interface EditorStart {
  basedOn: number | null;
  values: PlanEditorValues;
  /** The edits were kept from an earlier visit of the tab (never saved). */
  restored: boolean;
}

// Unsaved edits survive a change of tab (the tab's content is unmounted) for as long as the page
// lives; kept per user, so that whoever signs in next on a shared tablet never sees them.
const unsavedDrafts = new Map<string, { basedOn: number | null; values: PlanEditorValues }>();
const draftKey = (staffMemberId: string, episodeId: string) => `${staffMemberId}:${episodeId}`;

export function unsavedDraft(staffMemberId: string, episodeId: string): EditorStart | null {
  const draft = unsavedDrafts.get(draftKey(staffMemberId, episodeId));
  return draft ? { ...draft, restored: true } : null;
}

const emptyActor = (kind: ActorKind = 'staff'): ActorValues => ({ kind, staffMemberId: '', disciplineId: '', partnerId: '', relativeId: '' });
const emptyScale = (): AttainmentScale => ({ '-2': '', '-1': '', '0': '', '1': '', '2': '' });
const newAction = (): ActionValues => ({ key: randomId('action-'), id: null, who: emptyActor(), what: '', frequency: '', startOn: '', endOn: '', status: 'planned' });
const newGoal = (): GoalValues => ({
  key: randomId('goal-'),
  id: null,
  personWording: '',
  professionalWording: '',
  domain: '',
  proposedBy: 'person',
  priority: '2',
  targetOn: '',
  autonomyAim: '',
  scale: emptyScale(),
  weight: '',
  actions: [],
});

/** The form's values from a version's content (ids kept), or an empty plan with one goal to fill in. */
export function editorValues(content: PlanContent | null): PlanEditorValues {
  if (!content) return { content: { summary: '', goals: [newGoal()] }, changeNote: '' };
  return {
    content: {
      summary: content.summary ?? '',
      goals: content.goals.map((g) => ({
        key: g.id,
        id: g.id,
        personWording: g.personWording,
        professionalWording: g.professionalWording ?? '',
        domain: g.domain,
        proposedBy: g.proposedBy,
        priority: String(g.priority),
        targetOn: g.targetOn ?? '',
        autonomyAim: g.autonomyAim,
        scale: { ...g.scale },
        weight: g.weight === 1 ? '' : String(g.weight),
        actions: g.actions.map((a) => ({
          key: a.id,
          id: a.id,
          who: { ...emptyActor(a.who.kind), staffMemberId: a.who.staffMemberId ?? '', disciplineId: a.who.disciplineId ?? '', partnerId: a.who.partnerId ?? '', relativeId: a.who.relativeId ?? '' },
          what: a.what,
          frequency: a.frequency ?? '',
          startOn: a.startOn ?? '',
          endOn: a.endOn ?? '',
          status: a.status,
        })),
      })),
    },
    changeNote: '',
  };
}

const orNull = (value: string) => value.trim() || null;

/** The request body's content: trimmed, empty optional fields as null, only the id the actor's kind needs. */
function contentInput(values: PlanEditorValues): PlanContentInput {
  return {
    summary: orNull(values.content.summary),
    goals: values.content.goals.map((g) => ({
      ...(g.id ? { id: g.id } : {}),
      personWording: g.personWording.trim(),
      professionalWording: orNull(g.professionalWording),
      domain: g.domain as LifeDomain,
      proposedBy: g.proposedBy,
      priority: Number(g.priority) as GoalPriority,
      targetOn: g.targetOn || null,
      autonomyAim: g.autonomyAim.trim(),
      scale: Object.fromEntries(attainmentLevels.map((l) => [l, g.scale[l].trim()])) as AttainmentScale,
      ...(g.weight.trim() ? { weight: Number(g.weight) } : {}),
      actions: g.actions.map((a) => ({
        ...(a.id ? { id: a.id } : {}),
        who: actorInput(a.who),
        what: a.what.trim(),
        frequency: orNull(a.frequency),
        startOn: a.startOn || null,
        endOn: a.endOn || null,
        status: a.status,
      })),
    })),
  };
}

function actorInput(who: ActorValues) {
  switch (who.kind) {
    case 'staff':
      return { kind: who.kind, staffMemberId: who.staffMemberId };
    case 'discipline':
      return { kind: who.kind, disciplineId: who.disciplineId };
    case 'partner':
      return { kind: who.kind, partnerId: who.partnerId };
    case 'relative':
      return { kind: who.kind, relativeId: who.relativeId };
    case 'person':
      return { kind: who.kind };
  }
}

/** The field an actor's kind asks for. */
const actorField = { staff: 'staffMemberId', discipline: 'disciplineId', partner: 'partnerId', relative: 'relativeId', person: null } as const;

/**
 * The plan editor, filled in with the person beside you on a tablet: a summary, then the goals in
 * the person's own words with their scale and actions. Saving makes a new version based on the one
 * the editor started from; if a colleague saved in between, the server's 412 says who and when, the
 * form keeps everything typed, and the user can look at the saved version, then save on top of it.
 */
export function PlanEditor({
  episode,
  start,
  latestStatus,
  activeNumber,
  directory,
  onDone,
}: {
  episode: EpisodeView;
  start: EditorStart;
  /** The status of the version the editor started from, to say what saving does to it. */
  latestStatus: string | null;
  activeNumber: number | null;
  directory: ActorDirectory;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const session = useActiveSession();
  const key = draftKey(session.staffMember.id, episode.id);
  const [basedOn, setBasedOn] = useState(start.basedOn);
  const [conflict, setConflict] = useState<VersionConflict | null>(null);
  const [rebased, setRebased] = useState<number | null>(null);
  const [showLatest, setShowLatest] = useState(false);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const conflictRef = useRef<HTMLDivElement>(null);
  const saveRef = useRef<HTMLButtonElement>(null);
  const finished = useRef(false);

  const form = useForm<PlanEditorValues>({
    initialValues: start.values,
    validate: (values) => validatePlan(values, t),
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);

  // Leaving the tab keeps the edits (restored when it is opened again); leaving the page asks first.
  const basedOnRef = useRef(basedOn);
  basedOnRef.current = basedOn;
  const startedWith = useRef(JSON.stringify(start.values));
  const changed = () => start.restored || JSON.stringify(form.getValues()) !== startedWith.current;
  useEffect(
    () => () => {
      if (!finished.current && changed()) unsavedDrafts.set(key, { basedOn: basedOnRef.current, values: form.getValues() });
    },
    // Once, on leaving: form.getValues reads the current values.
    [],
  );
  const dirty = start.restored || form.isDirty();
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const finish = () => {
    finished.current = true;
    unsavedDrafts.delete(key);
    onDone();
  };

  const idempotency = useIdempotencyKey();
  const save = useMutation({
    mutationFn: (values: PlanEditorValues) => {
      const body = { basedOn, content: contentInput(values), changeNote: orNull(values.changeNote) };
      // The same form sent again (lost answer, double tap) keeps its key: the server saves it once.
      return savePlanVersion(episode.id, body, idempotency.keyFor(body));
    },
    onSuccess: async (result) => {
      idempotency.done();
      notify(t('plans.plan.editor.saved', { number: result.number }));
      await client.invalidateQueries({ queryKey: episodePlanKey(episode.id) });
      finish();
    },
    onError: (error) => {
      const found = conflictOf(error);
      if (found) {
        setConflict(found);
        setRebased(null);
        requestAnimationFrame(() => conflictRef.current?.focus());
      } else {
        onServerError(error);
      }
    },
  });

  /** Saves on top of the latest version, keeping the form's content. */
  const rebase = useMutation({
    mutationFn: () => client.fetchQuery({ queryKey: episodePlanKey(episode.id), queryFn: () => fetchEpisodePlan(episode.id), staleTime: 0 }),
    onSuccess: (plan) => {
      const latest = plan.latest?.number ?? conflict?.latestVersion ?? null;
      setBasedOn(latest);
      setRebased(latest);
      setConflict(null);
      save.reset();
      requestAnimationFrame(() => saveRef.current?.focus());
    },
  });

  const goals = form.values.content.goals;
  const nextNumber = (basedOn ?? 0) + 1;
  const cancel = () => (changed() ? setConfirmCancel(true) : finish());

  return (
    <Section
      id="plan-editor"
      title={basedOn === null ? t('plans.plan.editor.titleFirst') : t('plans.plan.editor.title', { number: nextNumber })}
      description={t('plans.plan.editor.help')}
    >
      <form
        ref={formRef}
        noValidate
        onSubmit={form.onSubmit(
          (values) => save.mutate(values),
          () => focusFirstInvalid(formRef.current),
        )}
        data-testid="plan-editor"
      >
        <Stack gap="xl">
          {start.restored && (
            <Alert color="relais" variant="light" role="note">
              {t('plans.plan.editor.restored')}
            </Alert>
          )}
          {(latestStatus === 'proposed' || latestStatus === 'agreed') && (
            <Alert color="orange" variant="light" role="note">
              {t('plans.plan.editor.replacesProposal', { number: start.basedOn })}
            </Alert>
          )}
          {activeNumber !== null && (
            <Text size="sm" c="dimmed">
              {t('plans.plan.editor.activeStays', { number: activeNumber })}
            </Text>
          )}
          {conflict && (
            <Alert ref={conflictRef} tabIndex={-1} color="red.9" variant="filled" role="alert" title={t('plans.plan.editor.conflictTitle')} className="plan-conflict" data-testid="plan-conflict">
              <Stack gap="sm">
                <Text inherit fw={650}>
                  {conflict.detail}
                </Text>
                <Text inherit>{t('plans.plan.editor.conflictKept')}</Text>
                <Group gap="sm">
                  <Button variant="white" color="dark" onClick={() => setShowLatest(true)}>
                    {t('plans.plan.editor.viewLatest')}
                  </Button>
                  <Button variant="white" color="dark" onClick={() => rebase.mutate()} loading={rebase.isPending}>
                    {t('plans.plan.editor.rebase')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
          {rebase.error !== null && <ProblemAlert error={rebase.error} />}
          {rebased !== null && (
            <Alert color="relais" variant="light" role="status" data-testid="plan-rebased">
              {t('plans.plan.editor.rebased', { number: rebased, next: rebased + 1 })}
            </Alert>
          )}
          {!conflict && <ProblemAlert error={save.error} boundFields={boundFields} />}

          <Textarea
            label={t('plans.plan.editor.summary')}
            description={t('plans.plan.editor.summaryHelp')}
            autosize
            minRows={3}
            maxRows={12}
            maxLength={4000}
            {...form.getInputProps('content.summary')}
          />

          <FieldGroup title={t('plans.plan.editor.goals')} description={t('plans.plan.editor.goalsHelp')}>
            <EditableList
              items={goals}
              getKey={(g) => g.key}
              max={maxGoals}
              labels={{
                legend: (n) => t('plans.plan.editor.goalLegend', { n }),
                item: (n) => t('plans.plan.editor.goalItem', { n }),
                add: t('plans.plan.editor.addGoal'),
              }}
              onAdd={() => form.insertListItem('content.goals', newGoal())}
              onMove={(from, to) => form.reorderListItem('content.goals', { from, to })}
              onRemove={(index) => form.removeListItem('content.goals', index)}
              empty={<Text c="dimmed">{t('plans.plan.editor.noGoals')}</Text>}
              renderItem={(goal, index) => <GoalFields form={form} goal={goal} index={index} directory={directory} />}
            />
          </FieldGroup>

          <Textarea
            label={t('plans.plan.editor.changeNote')}
            description={t('plans.plan.editor.changeNoteHelp')}
            autosize
            minRows={2}
            maxLength={1000}
            {...form.getInputProps('changeNote')}
          />

          <Paper className="plan-editor-actions" p="sm" withBorder radius="md">
            <Group justify="space-between" gap="sm">
              <Text size="sm" c="dimmed">
                {basedOn === null ? t('plans.plan.editor.firstVersion') : t('plans.plan.editor.basedOn', { number: basedOn, next: nextNumber })}
              </Text>
              <Group gap="sm">
                <Button variant="default" onClick={cancel} disabled={save.isPending}>
                  {t('common.cancel')}
                </Button>
                <Button ref={saveRef} type="submit" loading={save.isPending}>
                  {t('plans.plan.editor.save', { number: nextNumber })}
                </Button>
              </Group>
            </Group>
          </Paper>
        </Stack>
      </form>
      <ConfirmDialog
        opened={confirmCancel}
        title={t('plans.plan.editor.discardTitle')}
        confirmLabel={t('plans.plan.editor.discard')}
        danger
        pending={false}
        error={null}
        onConfirm={() => {
          setConfirmCancel(false);
          finish();
        }}
        onClose={() => setConfirmCancel(false)}
      >
        {t('plans.plan.editor.discardText')}
      </ConfirmDialog>
      <LatestVersionDrawer episodeId={episode.id} opened={showLatest} onClose={() => setShowLatest(false)} directory={directory} />
    </Section>
  );
}

/** The errors the form can tell before sending (the server checks the same, and more). */
function validatePlan(values: PlanEditorValues, t: ReturnType<typeof useTranslation>['t']): Record<string, string> {
  const errors: Record<string, string> = {};
  values.content.goals.forEach((g, i) => {
    const at = `content.goals.${i}`;
    if (!g.personWording.trim()) errors[`${at}.personWording`] = t('plans.plan.editor.personWordingRequired');
    if (!g.domain) errors[`${at}.domain`] = t('plans.plan.editor.domainRequired');
    if (!g.autonomyAim.trim()) errors[`${at}.autonomyAim`] = t('plans.plan.editor.autonomyAimRequired');
    for (const level of attainmentLevels) {
      if (!g.scale[level].trim()) errors[`${at}.scale.${level}`] = t('plans.plan.editor.levelRequired');
    }
    if (g.weight.trim() && !/^(10|[1-9])$/.test(g.weight.trim())) errors[`${at}.weight`] = t('plans.plan.editor.weightRange');
    g.actions.forEach((a, j) => {
      const on = `${at}.actions.${j}`;
      const field = actorField[a.who.kind];
      if (field && !a.who[field]) errors[`${on}.who.${field}`] = t(`plans.plan.editor.whoRequired.${a.who.kind}`);
      if (!a.what.trim()) errors[`${on}.what`] = t('plans.plan.editor.whatRequired');
      if (a.startOn && a.endOn && a.endOn < a.startOn) errors[`${on}.endOn`] = t('plans.plan.editor.endBeforeStart');
    });
  });
  return errors;
}

function GoalFields({ form, goal, index, directory }: { form: UseFormReturnType<PlanEditorValues>; goal: GoalValues; index: number; directory: ActorDirectory }) {
  const { t } = useTranslation();
  const at = `content.goals.${index}`;
  const position = index + 1;
  return (
    <Stack gap="md">
      <Textarea
        label={t('plans.plan.editor.personWording')}
        description={t('plans.plan.editor.personWordingHelp')}
        required
        autosize
        minRows={2}
        maxLength={1000}
        {...form.getInputProps(`${at}.personWording`)}
      />
      <Textarea label={t('plans.plan.editor.professionalWording')} description={t('plans.plan.editor.optional')} autosize minRows={2} maxLength={1000} {...form.getInputProps(`${at}.professionalWording`)} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} className="fields-align-end">
        <NativeSelect
          label={t('plans.plan.domain')}
          required
          data={[{ value: '', label: t('plans.plan.editor.choose') }, ...lifeDomains.map((d) => ({ value: d, label: t(`plans.plan.domains.${d}`) }))]}
          {...form.getInputProps(`${at}.domain`)}
        />
        <TextInput type="date" label={t('plans.plan.targetOn')} description={t('plans.plan.editor.optional')} {...form.getInputProps(`${at}.targetOn`)} />
      </SimpleGrid>
      <RadioFieldset
        legend={t('plans.plan.proposedBy')}
        required
        options={goalProposers.map((p) => ({ value: p, label: t(`plans.plan.proposers.${p}`) }))}
        cols={{ base: 2, md: 4 }}
        value={goal.proposedBy}
        onChange={(value) => form.setFieldValue(`${at}.proposedBy`, value as GoalProposer)}
        error={form.errors[`${at}.proposedBy`]}
      />
      <RadioFieldset
        legend={t('plans.plan.priority')}
        required
        options={goalPriorities.map((p) => ({ value: String(p), label: t(`plans.plan.priorities.p${p}`) }))}
        cols={3}
        value={goal.priority}
        onChange={(value) => form.setFieldValue(`${at}.priority`, value)}
        error={form.errors[`${at}.priority`]}
      />
      <Textarea
        label={t('plans.plan.autonomyAim')}
        description={t('plans.plan.editor.autonomyAimHelp')}
        required
        autosize
        minRows={2}
        maxLength={1000}
        {...form.getInputProps(`${at}.autonomyAim`)}
      />
      <fieldset className="form-group">
        <legend>
          <Text fw={650}>{t('plans.plan.scale')}</Text>
        </legend>
        <Stack gap="sm">
          <Text size="sm" c="dimmed" mt={-6}>
            {t('plans.plan.editor.scaleHelp')}
          </Text>
          {attainmentLevels.map((level) => (
            <Textarea
              key={level}
              label={levelLabel(level, t)}
              required
              autosize
              minRows={1}
              maxLength={500}
              className={level === '0' ? 'scale-expected-field' : undefined}
              {...form.getInputProps(`${at}.scale.${level}`)}
            />
          ))}
        </Stack>
      </fieldset>
      <TextInput
        type="number"
        inputMode="numeric"
        label={t('plans.plan.weight')}
        description={t('plans.plan.editor.weightHelp')}
        min={1}
        max={10}
        step={1}
        w={{ base: '100%', sm: 320 }}
        {...form.getInputProps(`${at}.weight`)}
      />
      <fieldset className="form-group plan-actions-box">
        <legend>
          <Text fw={650}>{t('plans.plan.editor.actions', { n: position })}</Text>
        </legend>
        <EditableList
          items={goal.actions}
          getKey={(a) => a.key}
          max={maxActions}
          labels={{
            legend: (n) => t('plans.plan.editor.actionLegend', { n }),
            item: (n) => t('plans.plan.editor.actionItem', { n, goal: position }),
            add: t('plans.plan.editor.addAction'),
          }}
          onAdd={() => form.insertListItem(`${at}.actions`, newAction())}
          onMove={(from, to) => form.reorderListItem(`${at}.actions`, { from, to })}
          onRemove={(i) => form.removeListItem(`${at}.actions`, i)}
          empty={
            <Text size="sm" c="dimmed">
              {t('plans.plan.noActions')}
            </Text>
          }
          renderItem={(action, i) => <ActionFields form={form} action={action} at={`${at}.actions.${i}`} directory={directory} />}
        />
      </fieldset>
    </Stack>
  );
}

function ActionFields({ form, action, at, directory }: { form: UseFormReturnType<PlanEditorValues>; action: ActionValues; at: string; directory: ActorDirectory }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const kind = action.who.kind;
  const choose = { value: '', label: t('plans.plan.editor.choose') };
  const partners = directory.partners.filter((p) => !p.archivedAt || p.id === action.who.partnerId);
  return (
    <Stack gap="sm">
      <RadioFieldset
        legend={t('plans.plan.who.label')}
        required
        options={actorKinds.map((k) => ({ value: k, label: t(`plans.plan.who.kinds.${k}`) }))}
        cols={{ base: 2, sm: 3 }}
        value={kind}
        onChange={(value) => form.setFieldValue(`${at}.who.kind`, value as ActorKind)}
        legendSize="sm"
      />
      {kind === 'staff' && <StaffSelect staff={directory.staff} label={t('plans.plan.who.staffMember')} required placeholder={t('plans.plan.editor.choose')} {...form.getInputProps(`${at}.who.staffMemberId`)} />}
      {kind === 'discipline' && (
        <NativeSelect
          label={t('plans.plan.who.disciplineLabel')}
          description={t('plans.plan.who.disciplineHelp')}
          required
          data={[choose, ...directory.catalogue.disciplines.map((d) => ({ value: d.id, label: catalogueName(d, locale) }))]}
          {...form.getInputProps(`${at}.who.disciplineId`)}
        />
      )}
      {kind === 'partner' &&
        (partners.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('plans.plan.who.noPartner')}
          </Text>
        ) : (
          <NativeSelect label={t('plans.plan.who.partnerLabel')} required data={[choose, ...partners.map((p) => ({ value: p.id, label: p.name }))]} {...form.getInputProps(`${at}.who.partnerId`)} />
        ))}
      {kind === 'relative' &&
        (directory.relatives.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('plans.plan.who.noRelative', { name: directory.personName })}
          </Text>
        ) : (
          <NativeSelect
            label={t('plans.plan.who.relativeLabel')}
            required
            data={[choose, ...directory.relatives.map((r) => ({ value: r.id, label: `${fullName(r)} (${t(`circle.relationships.${r.relationship}`)})` }))]}
            {...form.getInputProps(`${at}.who.relativeId`)}
          />
        ))}
      {kind === 'person' && (
        <Text size="sm" c="dimmed">
          {t('plans.plan.who.personHelp', { name: directory.personName })}
        </Text>
      )}
      <Textarea label={t('plans.plan.what')} description={t('plans.plan.editor.whatHelp')} required autosize minRows={2} maxLength={1000} {...form.getInputProps(`${at}.what`)} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} className="fields-align-end">
        <TextInput label={t('plans.plan.frequency')} description={t('plans.plan.editor.frequencyHelp')} maxLength={200} autoComplete="off" {...form.getInputProps(`${at}.frequency`)} />
        <NativeSelect label={t('plans.plan.actionStatus')} data={actionStatuses.map((s) => ({ value: s, label: t(`plans.plan.actionStatuses.${s}`) }))} {...form.getInputProps(`${at}.status`)} />
        <TextInput type="date" label={t('plans.plan.editor.startOn')} {...form.getInputProps(`${at}.startOn`)} />
        <TextInput type="date" label={t('plans.plan.editor.endOn')} min={action.startOn || undefined} {...form.getInputProps(`${at}.endOn`)} />
      </SimpleGrid>
    </Stack>
  );
}

/** The version a colleague saved in the meantime, beside the form (a side panel), read-only. */
function LatestVersionDrawer({ episodeId, opened, onClose, directory }: { episodeId: string; opened: boolean; onClose: () => void; directory: ActorDirectory }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const plan = useQuery({ queryKey: episodePlanKey(episodeId), queryFn: () => fetchEpisodePlan(episodeId), enabled: opened, staleTime: 0 });
  const latest = plan.data?.latest ?? null;
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="lg"
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
      title={latest ? t('plans.plan.editor.latestTitle', { number: latest.number }) : t('plans.plan.editor.viewLatest')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      {plan.isPending ? (
        <Loading />
      ) : plan.isError ? (
        <ProblemAlert error={plan.error} />
      ) : !latest ? (
        <Text c="dimmed">{t('plans.plan.empty')}</Text>
      ) : (
        <Stack gap="md" data-testid="latest-version">
          <Group gap="sm">
            <PlanStatusBadge version={latest} />
          </Group>
          <Text size="sm" c="dimmed">
            {t('plans.plan.byline', { name: latest.createdByName, date: formatDateTime(latest.createdAt, locale) })}
          </Text>
          {latest.changeNote && (
            <Text size="sm">
              <Text span inherit c="dimmed">
                {t('plans.plan.changeNote')}
                {t('common.colon')}
              </Text>
              {latest.changeNote}
            </Text>
          )}
          <PlanContentView content={latest.content} directory={directory} idPrefix="latest" />
          <Button variant="default" onClick={onClose} w="fit-content">
            {t('plans.plan.editor.backToForm')}
          </Button>
        </Stack>
      )}
    </Drawer>
  );
}
