import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useStaffDirectory } from '../../api/episodes';
import { useAvailability } from '../../api/scheduling-settings';
import { can, useActiveSession } from '../../api/session';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { fullName } from '../../format';
import { StaffSelect } from '../admissions/StaffSelect';
import { AbsencesSection } from './AbsencesSection';
import { WeeklyPatternSection } from './WeeklyPatternSection';

/**
 * "Mes disponibilités": one's weekly working pattern and absences (leave, training, sick leave).
 * The coordination (scheduling:configure) opens a colleague's from the selector, at
 * /disponibilites/:staffId. Without any weekly range, a staff member is bookable at any time.
 */
export function AvailabilityPage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const navigate = useNavigate();
  const { staffId: wanted } = useParams();
  const configure = can(session, 'scheduling:configure');
  const mine = session.staffMember.id;
  const staffId = configure && wanted ? wanted : mine;
  const directory = useStaffDirectory();
  const colleague = directory.data?.find((s) => s.id === staffId);
  const own = staffId === mine;
  const name = own ? fullName(session.staffMember) : colleague ? fullName(colleague) : '';
  const title = own ? t('schedulingSettings.availability.mineTitle') : t('schedulingSettings.availability.ofTitle', { name });
  const availability = useAvailability(staffId);
  const allowed = own ? can(session, 'appointment:book') || configure : configure;
  if (!allowed) {
    return (
      <Stack>
        <PageHeading documentTitle={t('errors.forbiddenTitle')}>{t('errors.forbiddenTitle')}</PageHeading>
        <Alert color="orange" variant="light">
          {t('errors.forbiddenPage')}
        </Alert>
      </Stack>
    );
  }
  return (
    <Stack gap="lg">
      {!own && (
        <Anchor component={Link} to="/disponibilites" size="sm" w="fit-content">
          <span aria-hidden="true">← </span>
          {t('schedulingSettings.availability.backToMine')}
        </Anchor>
      )}
      <Stack gap={4}>
        <PageHeading documentTitle={title}>{title}</PageHeading>
        <Text c="dimmed">{own ? t('schedulingSettings.availability.introMine') : t('schedulingSettings.availability.introOther', { name })}</Text>
      </Stack>
      {configure && directory.data && (
        <StaffSelect
          staff={directory.data}
          label={t('schedulingSettings.availability.chooseStaff')}
          description={t('schedulingSettings.availability.chooseStaffHelp')}
          placeholder={t('schedulingSettings.availability.chooseStaffPlaceholder')}
          value={staffId}
          onChange={(event) => {
            const id = event.currentTarget.value;
            void navigate(id === '' || id === mine ? '/disponibilites' : `/disponibilites/${id}`);
          }}
          maw={420}
        />
      )}
      {availability.isPending ? (
        <Loading />
      ) : availability.isError ? (
        <ProblemAlert error={availability.error} />
      ) : (
        <>
          {/* Keyed by staff member: another colleague's page starts from that colleague's pattern. */}
          <WeeklyPatternSection key={`${staffId}-${JSON.stringify(availability.data.weekly)}`} staffId={staffId} weekly={availability.data.weekly} own={own} name={name} />
          <AbsencesSection key={`absences-${staffId}`} staffId={staffId} absences={availability.data.absences} own={own} />
        </>
      )}
    </Stack>
  );
}
