import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { personEscalationsKey, type Escalation } from '../../api/escalations';
import { can, useActiveSession } from '../../api/session';
import { Section } from '../../components/Facts';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EscalationList } from './EscalationList';
import { RaiseEscalationButton } from './RaiseEscalationButton';

/** On the person's record: their escalations (content per the entry's confidentiality), and raising one from an entry. */
export function PersonEscalationsSection({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const escalations = useQuery({ queryKey: personEscalationsKey(personId), queryFn: () => api.get<Escalation[]>(`/api/v1/people/${personId}/escalations`) });
  return (
    <Section
      id="person-escalations"
      title={t('escalations.person.title')}
      description={t('escalations.person.help')}
      action={can(session, 'journal:write') ? <RaiseEscalationButton personId={personId} label={t('escalations.raise.fromRecord')} /> : null}
    >
      {escalations.isPending ? (
        <Loading />
      ) : escalations.isError ? (
        <ProblemAlert error={escalations.error} />
      ) : (
        <EscalationList items={escalations.data} caption={t('escalations.person.title')} showPerson={false} />
      )}
    </Section>
  );
}
