import { Anchor, Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePathway, type PathwayEvent } from '../../api/transitions';
import { Section } from '../../components/Facts';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate } from '../../format';
import { currentLocale } from '../../i18n/setup';
import './transitions.css';

/**
 * The person's pathway on their record ("Parcours"): admissions, phase changes, transitions planned
 * or cancelled, and ends, in date order, as an ordered list a screen reader reads as a timeline.
 */
export function PathwaySection({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const pathway = usePathway(personId);
  return (
    <Section id="person-pathway" title={t('continuity.pathway.title')} description={t('continuity.pathway.help')}>
      {pathway.isPending ? (
        <Loading />
      ) : pathway.isError ? (
        <ProblemAlert error={pathway.error} />
      ) : pathway.data.events.length === 0 ? (
        <Text c="dimmed">{t('continuity.pathway.empty')}</Text>
      ) : (
        <ol className="pathway" aria-labelledby="person-pathway" data-testid="pathway">
          {pathway.data.events.map((e, i) => (
            <PathwayEntry key={`${e.kind}-${e.on}-${i}`} event={e} />
          ))}
        </ol>
      )}
    </Section>
  );
}

function PathwayEntry({ event: e }: { event: PathwayEvent }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const tr = e.transition;
  const done = tr ? tr.items.filter((i) => i.done).length : 0;
  return (
    <li className="pathway-event" data-kind={e.kind} data-testid="pathway-event">
      <Group gap="xs" wrap="wrap">
        <Text size="sm" c="dimmed" fw={600}>
          {formatDate(e.on, locale)}
        </Text>
        {e.kind === 'transition_planned' && (
          <Badge color="relais" variant="light">
            {t('continuity.pathway.upcoming')}
          </Badge>
        )}
      </Group>
      <Text fw={600}>{t(`continuity.pathway.kinds.${e.kind}`, { service: e.serviceName, from: e.fromLabel ?? '', to: e.toLabel ?? '' })}</Text>
      {e.byName && (
        <Text size="sm" c="dimmed">
          {e.kind === 'admitted' ? t('continuity.pathway.decidedBy', { name: e.byName }) : t('continuity.pathway.by', { name: e.byName })}
        </Text>
      )}
      {tr && tr.items.length > 0 && (
        <Text size="sm">{t('continuity.pathway.checklist', { done, total: tr.items.length, name: tr.responsibleName })}</Text>
      )}
      {e.kind === 'transition_cancelled' && tr?.cancelledReason && <Text size="sm">{t('continuity.pathway.cancelledBecause', { reason: tr.cancelledReason })}</Text>}
      {e.note && (
        <Text size="sm" className="keep-lines">
          {e.note}
        </Text>
      )}
      {(e.kind === 'transition_planned' || e.kind === 'admitted') && (
        <Anchor component={Link} to={`/prises-en-charge/${e.episodeId}?onglet=transitions`} size="sm">
          {t('continuity.pathway.openTransitions', { service: e.serviceName })}
        </Anchor>
      )}
    </li>
  );
}
