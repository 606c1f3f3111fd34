import { Alert, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, VisuallyHidden } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  capacityBoardKey,
  decideAdmission,
  decisionOutcomes,
  orientationTargets,
  useCapacityBoard,
  waitlistPriorities,
  type AdmissionDecision,
  type DecisionInput,
  type DecisionOutcome,
  type LetterRecipient,
  type OrientationTarget,
} from '../../api/admissions';
import { useCatalogue } from '../../api/catalogue';
import { api } from '../../api/client';
import { useIdempotencyKey } from '../../api/idempotency';
import { referralsKey, type Referral } from '../../api/referrals';
import { useServices } from '../../api/services';
import { can, useActiveSession } from '../../api/session';
import type { Catalogue, DirectoryEntry, Service } from '../../api/types';
import { Section } from '../../components/Facts';
import { FieldGroup } from '../../components/FieldGroup';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RadioFieldset } from '../../components/RadioFieldset';
import { catalogueName, formatDateTime, fullName, organizationToday } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { CapacitySummary, CapacityProblem, isCapacityProblem } from './CapacityPanels';
import { EmergencyNumbers } from './EmergencyNumbers';

type Answer = '' | 'met' | 'not_met';

interface MemberValues {
  key: string;
  staffMemberId: string;
  disciplineId: string;
}

export interface ReviewValues extends Record<string, unknown> {
  serviceId: string;
  answers: Record<string, { met: Answer; note: string }>;
  outcome: DecisionOutcome | '';
  admission: {
    referentId: string;
    referentDisciplineId: string;
    coordinatorId: string;
    startedOn: string;
    plannedEndOn: string;
    phaseCode: string;
    members: MemberValues[];
  };
  waitlistPriority: string;
  reasons: string;
  orientationTo: OrientationTarget | '';
  orientationDetail: string;
  letterRecipient: LetterRecipient;
  capacityOverrideReason: string;
}

const criteriaOf = (service: Service | undefined) => [...(service?.indicationCriteria ?? []), ...(service?.safetyCriteria ?? [])];
const orNull = (value: string) => value.trim() || null;
let memberKeys = 0;

/**
 * The admission review: the service, an answer to each of its indication and safety criteria, then
 * the decision. A failed safety criterion leaves only an orientation, with the emergency numbers.
 * Admitting shows the places left first; a full service is explained with its figures, and a
 * supervisor may go beyond the limit with a written reason. With `supersedes`, this is a correction
 * of the decision in force (which stays in the history).
 */
export function AdmissionReview({ referral, supersedes, onClose }: { referral: Referral; supersedes: AdmissionDecision | null; onClose?: () => void }) {
  const { t } = useTranslation();
  const services = useServices(true);
  const directory = useQuery({ queryKey: ['staff-directory'], queryFn: () => api.get<DirectoryEntry[]>('/api/v1/staff/directory') });
  const catalogue = useCatalogue();
  const id = supersedes ? 'referral-correction' : 'referral-review';
  const title = supersedes ? t('referrals.review.correctTitle', { date: formatDateTime(supersedes.decidedAt, currentLocale()) }) : t('referrals.review.title');
  return (
    <Section id={id} title={title} description={supersedes ? t('referrals.review.correctHelp') : t('referrals.review.help')}>
      {services.isPending || directory.isPending || catalogue.isPending ? (
        <Loading />
      ) : services.isError || directory.isError || catalogue.isError ? (
        <ProblemAlert error={services.error ?? directory.error ?? catalogue.error} />
      ) : (
        <ReviewForm referral={referral} supersedes={supersedes} services={services.data} directory={directory.data} catalogue={catalogue.data} onClose={onClose} />
      )}
    </Section>
  );
}

function initialValues(referral: Referral, supersedes: AdmissionDecision | null, services: Service[], directory: DirectoryEntry[], me: string): ReviewValues {
  const answers: ReviewValues['answers'] = {};
  for (const service of services) for (const c of criteriaOf(service)) answers[c.id] = { met: '', note: '' };
  for (const a of supersedes?.criteriaAnswers ?? []) answers[a.criterionId] = { met: a.met ? 'met' : 'not_met', note: a.note ?? '' };
  const offered = (id: string | null | undefined) => (id && services.some((s) => s.id === id && !s.archivedAt) ? id : '');
  const serviceId = supersedes ? supersedes.serviceId : offered(referral.serviceId);
  const service = services.find((s) => s.id === serviceId);
  return {
    serviceId,
    answers,
    outcome: '',
    admission: {
      referentId: '',
      referentDisciplineId: '',
      coordinatorId: directory.some((d) => d.id === me) ? me : '',
      startedOn: organizationToday(),
      plannedEndOn: '',
      phaseCode: service?.phases[0]?.code ?? '',
      members: [],
    },
    waitlistPriority: '2',
    reasons: '',
    orientationTo: '',
    orientationDetail: '',
    // The referrer is told only when the person agreed to exchanges with them (the server's own default ignores consent).
    letterRecipient: referral.source === 'self' || !referral.referrerName || !referral.consentToShare ? 'person' : 'referrer',
    capacityOverrideReason: '',
  };
}

function ReviewForm({
  referral,
  supersedes,
  services,
  directory,
  catalogue,
  onClose,
}: {
  referral: Referral;
  supersedes: AdmissionDecision | null;
  services: Service[];
  directory: DirectoryEntry[];
  catalogue: Catalogue;
  onClose: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const client = useQueryClient();
  const notify = useNotify();
  const locale = currentLocale();
  const idempotency = useIdempotencyKey();
  const board = useCapacityBoard();
  const mayOverride = can(session, 'capacity:override');
  // Revealed after the server said the service or the référent is full, for those who may go beyond.
  const [overriding, setOverriding] = useState(false);
  const overrideRef = useRef<HTMLTextAreaElement>(null);
  const referentRef = useRef<HTMLSelectElement>(null);

  const serviceOf = (id: string) => services.find((s) => s.id === id);
  const form = useForm<ReviewValues>({
    initialValues: initialValues(referral, supersedes, services, directory, session.staffMember.id),
    validate: (values) => {
      const errors: Record<string, string> = {};
      const service = serviceOf(values.serviceId);
      if (!service) errors.serviceId = t('referrals.review.serviceRequired');
      for (const c of criteriaOf(service)) {
        const answer = values.answers[c.id];
        if (!answer?.met) errors[`answers.${c.id}.met`] = t('referrals.review.answerRequired');
        if ((answer?.note.trim().length ?? 0) > 1000) errors[`answers.${c.id}.note`] = t('referrals.review.tooLong', { count: 1000 });
      }
      if (!values.outcome) errors.outcome = t('referrals.review.outcomeRequired');
      if (values.outcome === 'admit') {
        const a = values.admission;
        if (!a.referentId) errors['admission.referentId'] = t('referrals.review.referentRequired');
        if (!a.coordinatorId) errors['admission.coordinatorId'] = t('referrals.review.coordinatorRequired');
        if (!a.startedOn) errors['admission.startedOn'] = t('referrals.review.startRequired');
        if (a.plannedEndOn && a.startedOn && a.plannedEndOn < a.startedOn) errors['admission.plannedEndOn'] = t('referrals.review.endBeforeStart');
        a.members.forEach((m, i) => {
          if (!m.staffMemberId) errors[`admission.members.${i}.staffMemberId`] = t('referrals.review.memberRequired');
        });
        if (overriding && values.capacityOverrideReason.trim().length < 3) errors.capacityOverrideReason = t('referrals.review.overrideReasonRequired');
      }
      if ((values.outcome === 'refuse' || values.outcome === 'orient') && !values.reasons.trim()) errors.reasons = t('referrals.review.reasonsRequired');
      if (values.reasons.trim().length > 4000) errors.reasons = t('referrals.review.tooLong', { count: 4000 });
      if (values.outcome === 'orient' && !values.orientationTo) errors.orientationTo = t('referrals.review.orientationRequired');
      return errors;
    },
  });

  const service = serviceOf(form.values.serviceId);
  const criteria = criteriaOf(service);
  // The server names a missing answer "criteriaAnswers.<criterion id>": shown at that criterion.
  const rename = Object.fromEntries(criteria.map((c) => [`body.criteriaAnswers.${c.id}`, `answers.${c.id}.met`]));
  const { formRef, boundFields, onServerError } = useServerErrors(form, rename);
  const failedSafety = (service?.safetyCriteria ?? []).filter((c) => form.values.answers[c.id]?.met === 'not_met');
  const safetyConcern = failedSafety.length > 0;

  // A failed safety criterion leaves one possible decision: orienting the person elsewhere.
  useEffect(() => {
    if (safetyConcern && form.values.outcome !== 'orient') form.setFieldValue('outcome', 'orient');
    // Only a change of the safety answers moves the outcome.
  }, [safetyConcern]);

  const decide = useMutation({
    mutationFn: (input: DecisionInput) => decideAdmission(input, idempotency.keyFor(input)),
    onSuccess: async (_result, input) => {
      idempotency.done();
      await Promise.all([
        client.invalidateQueries({ queryKey: referralsKey }),
        client.invalidateQueries({ queryKey: capacityBoardKey }),
        client.invalidateQueries({ queryKey: ['people'] }),
      ]);
      notify(t(`referrals.review.decided.${input.outcome}`, { service: serviceOf(input.serviceId)?.name ?? '' }));
      onClose?.();
    },
    onError: (error) => {
      if (isCapacityProblem(error, 'capacity_reached') && mayOverride) setOverriding(true);
      else onServerError(error);
    },
  });

  useEffect(() => {
    if (overriding) overrideRef.current?.focus();
  }, [overriding]);

  const toInput = (values: ReviewValues): DecisionInput => {
    const chosen = serviceOf(values.serviceId)!;
    const outcome = values.outcome as DecisionOutcome;
    const a = values.admission;
    const letter = outcome === 'refuse' || outcome === 'orient';
    return {
      referralId: referral.id,
      serviceId: chosen.id,
      outcome,
      criteriaAnswers: criteriaOf(chosen).map((c) => ({ criterionId: c.id, met: values.answers[c.id]?.met === 'met', note: orNull(values.answers[c.id]?.note ?? '') })),
      reasons: letter ? orNull(values.reasons) : null,
      orientationTo: outcome === 'orient' ? (values.orientationTo as OrientationTarget) : null,
      orientationDetail: outcome === 'orient' ? orNull(values.orientationDetail) : null,
      waitlistPriority: outcome === 'waitlist' ? Number(values.waitlistPriority) : null,
      letterRecipient: letter ? values.letterRecipient : null,
      supersedesId: supersedes?.id ?? null,
      admission:
        outcome === 'admit'
          ? {
              referentId: a.referentId,
              referentDisciplineId: a.referentDisciplineId || null,
              coordinatorId: a.coordinatorId,
              startedOn: a.startedOn,
              plannedEndOn: a.plannedEndOn || null,
              phaseCode: a.phaseCode || null,
              members: a.members.map((m) => ({ staffMemberId: m.staffMemberId, disciplineId: m.disciplineId || null })),
            }
          : null,
      capacityOverrideReason: outcome === 'admit' && overriding ? orNull(values.capacityOverrideReason) : null,
    };
  };

  const onServiceChange = (serviceId: string) => {
    const next = serviceOf(serviceId);
    form.setFieldValue('serviceId', serviceId);
    form.setFieldValue('admission.phaseCode', next?.phases[0]?.code ?? '');
  };
  const switchToWaitlist = () => {
    if (!safetyConcern) form.setFieldValue('outcome', 'waitlist');
    decide.reset();
    setOverriding(false);
  };

  const outcome = form.values.outcome;
  const capacityError = isCapacityProblem(decide.error) ? decide.error : null;
  const boardRow = board.data?.services.find((s) => s.id === form.values.serviceId) ?? null;
  const staffOptions = [{ value: '', label: t('referrals.review.choose') }, ...directory.map((d) => ({ value: d.id, label: fullName(d) }))];
  const disciplinesFor = (staffMemberId: string) => {
    const person = directory.find((d) => d.id === staffMemberId);
    // The disciplines the colleague practises come first; any other stays possible.
    const sorted = [...catalogue.disciplines].sort((a, b) => Number(person?.disciplineIds.includes(b.id) ?? false) - Number(person?.disciplineIds.includes(a.id) ?? false));
    return [{ value: '', label: t('referrals.review.noDiscipline') }, ...sorted.map((d) => ({ value: d.id, label: catalogueName(d, locale) }))];
  };
  const answerOptions = [
    { value: 'met', label: t('referrals.review.met') },
    { value: 'not_met', label: t('referrals.review.notMet') },
  ];

  return (
    <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => decide.mutate(toInput(values)), () => focusFirstInvalid(formRef.current))} data-testid="admission-review">
      <Stack gap="xl">
        {supersedes?.outcome === 'admit' && (
          <Alert color="relais" variant="light" role="note">
            {t('referrals.review.correctAdmission')}
          </Alert>
        )}
        <ProblemAlert error={capacityError ? null : decide.error} boundFields={boundFields} />
        <Stack gap="sm">
          <NativeSelect
            label={t('referrals.review.service')}
            description={referral.serviceName ? t('referrals.review.serviceAsked', { service: referral.serviceName }) : t('referrals.review.noServiceAsked')}
            required
            data={[
              { value: '', label: t('referrals.review.choose') },
              ...services.filter((s) => !s.archivedAt || s.id === form.values.serviceId).map((s) => ({ value: s.id, label: s.archivedAt ? t('referrals.review.archivedService', { name: s.name }) : s.name })),
            ]}
            maw={{ base: '100%', sm: 480 }}
            {...form.getInputProps('serviceId')}
            onChange={(event) => onServiceChange(event.currentTarget.value)}
          />
          {service && <CapacitySummary service={service} row={boardRow} loading={board.isPending} referentId={outcome === 'admit' ? form.values.admission.referentId : ''} directory={directory} />}
        </Stack>

        {service && (
          <>
            <FieldGroup title={t('referrals.review.indicationCriteria')} description={t('referrals.review.indicationHelp')}>
              {service.indicationCriteria.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('referrals.review.noIndication')}
                </Text>
              ) : (
                service.indicationCriteria.map((c) => <CriterionField key={c.id} form={form} criterion={c} options={answerOptions} />)
              )}
            </FieldGroup>
            <FieldGroup title={t('referrals.review.safetyCriteria')} description={t('referrals.review.safetyHelp')}>
              {service.safetyCriteria.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('referrals.review.noSafety')}
                </Text>
              ) : (
                service.safetyCriteria.map((c) => <CriterionField key={c.id} form={form} criterion={c} options={answerOptions} />)
              )}
            </FieldGroup>
            {safetyConcern && <EmergencyNumbers orientations={failedSafety} />}
          </>
        )}

        <FieldGroup title={t('referrals.review.decision')}>
          <RadioFieldset
            legend={t('referrals.review.outcome')}
            required
            description={safetyConcern ? t('referrals.review.onlyOrient') : undefined}
            options={decisionOutcomes.map((o) => ({ value: o, label: t(`referrals.review.outcomes.${o}`), description: t(`referrals.review.outcomeHelp.${o}`), disabled: safetyConcern && o !== 'orient' }))}
            cols={{ base: 1, sm: 2 }}
            value={outcome}
            onChange={(value) => form.setFieldValue('outcome', value as DecisionOutcome)}
            error={form.errors.outcome}
            testId="outcome"
          />
          {(outcome === 'admit' || outcome === 'waitlist') && !referral.personId && (
            <Alert color="orange" variant="light" role="note">
              {t('referrals.review.personFirst')}
            </Alert>
          )}

          {outcome === 'admit' && (
            <Stack gap="md">
              <SimpleGrid cols={{ base: 1, sm: 2 }} className="fields-align-end">
                <NativeSelect
                  ref={referentRef}
                  label={t('referrals.review.referent')}
                  description={t('referrals.review.referentHelp')}
                  required
                  data={staffOptions}
                  {...form.getInputProps('admission.referentId')}
                  onChange={(event) => {
                    const id = event.currentTarget.value;
                    const colleague = directory.find((d) => d.id === id);
                    form.setFieldValue('admission.referentId', id);
                    form.setFieldValue('admission.referentDisciplineId', colleague?.disciplineIds[0] ?? '');
                  }}
                />
                <NativeSelect label={t('referrals.review.referentDiscipline')} description={t('referrals.review.optional')} data={disciplinesFor(form.values.admission.referentId)} {...form.getInputProps('admission.referentDisciplineId')} />
              </SimpleGrid>
              <NativeSelect label={t('referrals.review.coordinator')} description={t('referrals.review.coordinatorHelp')} required data={staffOptions} maw={{ base: '100%', sm: 480 }} {...form.getInputProps('admission.coordinatorId')} />
              <SimpleGrid cols={{ base: 1, sm: 2 }} className="fields-align-end">
                <TextInput label={t('referrals.review.startedOn')} required type="date" {...form.getInputProps('admission.startedOn')} />
                <TextInput label={t('referrals.review.plannedEndOn')} description={t('referrals.review.optional')} type="date" min={form.values.admission.startedOn || undefined} {...form.getInputProps('admission.plannedEndOn')} />
              </SimpleGrid>
              {service && service.phases.length > 0 && (
                <NativeSelect
                  label={t('referrals.review.phase')}
                  description={t('referrals.review.phaseHelp')}
                  data={service.phases.map((p) => ({ value: p.code, label: p.label }))}
                  maw={{ base: '100%', sm: 480 }}
                  {...form.getInputProps('admission.phaseCode')}
                />
              )}
              <MembersFields form={form} staffOptions={staffOptions} disciplinesFor={disciplinesFor} defaultDiscipline={(id) => directory.find((d) => d.id === id)?.disciplineIds[0] ?? ''} />
            </Stack>
          )}

          {outcome === 'waitlist' && (
            <RadioFieldset
              legend={t('referrals.review.priority')}
              description={t('referrals.review.priorityHelp')}
              options={waitlistPriorities.map((p) => ({ value: String(p), label: t(`referrals.review.priorities.p${p}`) }))}
              cols={{ base: 1, sm: 3 }}
              value={form.values.waitlistPriority}
              onChange={(value) => form.setFieldValue('waitlistPriority', value)}
            />
          )}

          {(outcome === 'refuse' || outcome === 'orient') && (
            <Stack gap="md">
              {outcome === 'orient' && (
                <SimpleGrid cols={{ base: 1, sm: 2 }} className="fields-align-end">
                  <NativeSelect
                    label={t('referrals.review.orientationTo')}
                    required
                    data={[{ value: '', label: t('referrals.review.choose') }, ...orientationTargets.map((o) => ({ value: o, label: t(`referrals.review.orientationTargets.${o}`) }))]}
                    {...form.getInputProps('orientationTo')}
                  />
                  <TextInput label={t('referrals.review.orientationDetail')} description={t('referrals.review.orientationDetailHelp')} maxLength={500} autoComplete="off" {...form.getInputProps('orientationDetail')} />
                </SimpleGrid>
              )}
              <Textarea
                label={t('referrals.review.reasons')}
                description={t('referrals.review.reasonsHelp')}
                required
                autosize
                minRows={4}
                maxRows={12}
                maxLength={4000}
                {...form.getInputProps('reasons')}
              />
              <RadioFieldset
                legend={t('referrals.review.letterRecipient')}
                description={t('referrals.review.letterRecipientHelp')}
                options={[
                  { value: 'person', label: t('referrals.review.letterToPerson', { name: `${referral.firstName} ${referral.lastName}` }) },
                  {
                    value: 'referrer',
                    label: referral.referrerName ? t('referrals.review.letterToReferrer', { name: referral.referrerName }) : t('referrals.review.letterToReferrerUnknown'),
                    description: referral.referrerName && !referral.consentToShare ? t('referrals.review.letterNoConsent') : undefined,
                    disabled: !referral.referrerName,
                  },
                ]}
                cols={{ base: 1, sm: 2 }}
                value={form.values.letterRecipient}
                onChange={(value) => form.setFieldValue('letterRecipient', value as LetterRecipient)}
              />
            </Stack>
          )}
        </FieldGroup>

        {capacityError && (
          <CapacityProblem
            error={capacityError}
            mayOverride={mayOverride}
            onWaitlist={safetyConcern ? null : switchToWaitlist}
            onOtherReferent={() => {
              decide.reset();
              referentRef.current?.focus();
            }}
          />
        )}
        {overriding && outcome === 'admit' && (
          <Paper withBorder radius="md" p="md" className="override-box">
            <Textarea
              ref={overrideRef}
              label={t('referrals.review.overrideReason')}
              description={t('referrals.review.overrideReasonHelp')}
              required
              autosize
              minRows={3}
              maxLength={2000}
              {...form.getInputProps('capacityOverrideReason')}
            />
          </Paper>
        )}

        <Group>
          <Button type="submit" loading={decide.isPending} color={overriding && outcome === 'admit' ? 'red.8' : undefined}>
            {overriding && outcome === 'admit' ? t('referrals.review.submitOverride') : supersedes ? t('referrals.review.submitCorrection') : t('referrals.review.submit')}
          </Button>
          {onClose && (
            <Button variant="default" onClick={onClose} disabled={decide.isPending}>
              {t('common.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

function CriterionField({ form, criterion, options }: { form: UseFormReturnType<ReviewValues>; criterion: { id: string; label: string }; options: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const answer = form.values.answers[criterion.id];
  const failed = answer?.met === 'not_met';
  return (
    <Paper withBorder radius="md" p="md" className={failed ? 'criterion criterion-failed' : 'criterion'} data-testid="criterion">
      <Stack gap="sm">
        <RadioFieldset
          legend={criterion.label}
          required
          options={options}
          cols={2}
          value={answer?.met ?? ''}
          onChange={(value) => form.setFieldValue(`answers.${criterion.id}.met`, value as Answer)}
          error={form.errors[`answers.${criterion.id}.met`]}
        />
        <TextInput
          label={
            <>
              {t('referrals.review.note')}
              <VisuallyHidden>{t('referrals.review.noteAbout', { criterion: criterion.label })}</VisuallyHidden>
            </>
          }
          description={t('referrals.review.optional')}
          maxLength={1000}
          autoComplete="off"
          {...form.getInputProps(`answers.${criterion.id}.note`)}
        />
      </Stack>
    </Paper>
  );
}

function MembersFields({
  form,
  staffOptions,
  disciplinesFor,
  defaultDiscipline,
}: {
  form: UseFormReturnType<ReviewValues>;
  staffOptions: { value: string; label: string }[];
  disciplinesFor: (staffMemberId: string) => { value: string; label: string }[];
  defaultDiscipline: (staffMemberId: string) => string;
}) {
  const { t } = useTranslation();
  const addRef = useRef<HTMLButtonElement>(null);
  const members = form.values.admission.members;
  return (
    <fieldset className="form-group">
      <legend>
        <Text fw={600}>{t('referrals.review.members')}</Text>
      </legend>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('referrals.review.membersHelp')}
        </Text>
        {members.map((member, index) => (
          <Paper key={member.key} withBorder radius="md" p="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }} className="fields-align-end">
              <NativeSelect
                label={t('referrals.review.member', { n: index + 1 })}
                required
                data={staffOptions}
                {...form.getInputProps(`admission.members.${index}.staffMemberId`)}
                onChange={(event) => {
                  const id = event.currentTarget.value;
                  form.setFieldValue(`admission.members.${index}.staffMemberId`, id);
                  form.setFieldValue(`admission.members.${index}.disciplineId`, defaultDiscipline(id));
                }}
              />
              <NativeSelect label={t('referrals.review.memberDiscipline', { n: index + 1 })} data={disciplinesFor(member.staffMemberId)} {...form.getInputProps(`admission.members.${index}.disciplineId`)} />
            </SimpleGrid>
            <Button
              variant="subtle"
              color="red.8"
              size="sm"
              mt="xs"
              onClick={() => {
                form.removeListItem('admission.members', index);
                window.setTimeout(() => addRef.current?.focus(), 30);
              }}
            >
              {t('referrals.review.removeMember', { n: index + 1 })}
            </Button>
          </Paper>
        ))}
        <Button ref={addRef} variant="default" w="fit-content" onClick={() => form.insertListItem('admission.members', { key: `m${++memberKeys}`, staffMemberId: '', disciplineId: '' })}>
          {t('referrals.review.addMember')}
        </Button>
      </Stack>
    </fieldset>
  );
}

