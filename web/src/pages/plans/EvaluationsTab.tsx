import { Alert, Button, Card, Group, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStaffDirectory } from '../../api/episodes';
import { useIdempotencyKey } from '../../api/idempotency';
import { attainmentLevels, deadlinesKey, episodeScopeKey, recordEvaluation, usePlanFollowUp, type AttainmentLevel, type EvaluatedGoal, type EvaluationInput, type PlanEvaluation, type PlanFollowUp } from '../../api/plan-assessments';
import { can, useActiveSession } from '../../api/session';
import { FieldGroup } from '../../components/FieldGroup';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RadioFieldset } from '../../components/RadioFieldset';
import { formatDate, formatList, organizationToday } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { ScrollTable } from '../admissions/ScrollTable';
import type { EpisodeView } from './EpisodePage';
import './follow-up.css';
import { formatScore, levelNumber, useLevelName } from './follow-up-words';
import { defaultParticipants, ParticipantsFields, participantsError, toParticipants, useParticipantNames, type ParticipantsValue } from './ParticipantsFields';
import { ProgressChart } from './ProgressChart';
import { TrajectoryReviewSummary } from '../trajectory/TrajectoryReviewSummary';

type ActiveVersion = NonNullable<PlanFollowUp['active']>;

/**
 * Evaluations of the plan version in force: each goal scored on the five levels described with the
 * person when it was set (goal attainment scaling), the person's own view, who took part; then the
 * T-score that sums them up, the history, and each goal's progress as a chart with its data table.
 */
export function EvaluationsTab({ episode }: { episode: EpisodeView }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const locale = currentLocale();
  const plan = usePlanFollowUp(episode.id);
  const [formOpen, setFormOpen] = useState(false);
  const [result, setResult] = useState<{ tScore: number | null; evaluatedOn: string } | null>(null);
  const openButton = useRef<HTMLButtonElement>(null);
  if (plan.isPending) return <Loading />;
  if (plan.isError) return <ProblemAlert error={plan.error} />;
  const { active, evaluations } = plan.data;
  const goals = active?.content.goals ?? [];
  const write = can(session, 'person:update') && !episode.endedOn && active !== null && goals.length > 0;
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4} maw={680}>
          <Title order={2} size="h3">
            {t('plans.evaluations.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('plans.evaluations.intro')}
          </Text>
          {active && (
            <Text size="sm" fw={600} data-testid="active-version">
              {t('plans.evaluations.activeVersion', { number: active.number, date: formatDate(active.activeFrom ?? active.agreedOn ?? '', locale) })}
            </Text>
          )}
        </Stack>
        {write && !formOpen && (
          <Button
            ref={openButton}
            onClick={() => {
              setResult(null);
              setFormOpen(true);
            }}
          >
            {t('plans.evaluations.create')}
          </Button>
        )}
      </Group>
      {!active && (
        <Alert color="relais" variant="light" role="note">
          {t('plans.evaluations.noActive')}
        </Alert>
      )}
      {active && goals.length === 0 && (
        <Alert color="relais" variant="light" role="note">
          {t('plans.evaluations.noGoals')}
        </Alert>
      )}
      {result && <EvaluationResult result={result} />}
      {active && <TrajectoryReviewSummary episodeId={episode.id} />}
      {formOpen && active && (
        <EvaluationForm
          episode={episode}
          active={active}
          onDone={(r) => {
            setFormOpen(false);
            setResult(r);
          }}
          onCancel={() => {
            setFormOpen(false);
            requestAnimationFrame(() => openButton.current?.focus());
          }}
        />
      )}
      <HistorySection episode={episode} evaluations={evaluations} />
      <ProgressSection plan={plan.data} />
    </Stack>
  );
}

function useTScoreWord(): (score: number) => string {
  const { t } = useTranslation();
  return (score) => (score > 50 ? t('plans.evaluations.tScoreAbove') : score < 50 ? t('plans.evaluations.tScoreBelow') : t('plans.evaluations.tScoreEqual'));
}

/** The evaluation just recorded and its T-score, explained in plain words; it takes the focus. */
function EvaluationResult({ result }: { result: { tScore: number | null; evaluatedOn: string } }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const word = useTScoreWord();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [result]);
  return (
    <Alert color="green" variant="light" data-testid="evaluation-result">
      <Stack gap="xs">
        <Title order={3} size="h4" ref={ref} tabIndex={-1} className="page-heading">
          {t('plans.evaluations.recordedTitle', { date: formatDate(result.evaluatedOn, locale) })}
        </Title>
        {result.tScore !== null && (
          <>
            <Text className="t-score" data-testid="t-score">
              {t('plans.evaluations.tScoreValue', { score: formatScore(result.tScore) })}
            </Text>
            <Text fw={600}>{word(result.tScore)}</Text>
          </>
        )}
        <Text size="sm">{t('plans.evaluations.tScoreExplain')}</Text>
      </Stack>
    </Alert>
  );
}

interface EvaluationValues extends Record<string, unknown> {
  evaluatedOn: string;
  /** A level per goal ("-2" … "2"), or "" when the goal is not scored this time. */
  levels: Record<string, string>;
  goalComments: Record<string, string>;
  personView: string;
  comments: string;
  participants: ParticipantsValue;
}

const orNull = (value: string) => value.trim() || null;

function EvaluationForm({ episode, active, onDone, onCancel }: { episode: EpisodeView; active: ActiveVersion; onDone: (result: { tScore: number | null; evaluatedOn: string }) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const client = useQueryClient();
  const notify = useNotify();
  const locale = currentLocale();
  const levelName = useLevelName();
  const directory = useStaffDirectory();
  const idempotency = useIdempotencyKey();
  const today = organizationToday();
  const since = active.activeFrom ?? active.agreedOn ?? '';
  const goals = active.content.goals;
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const form = useForm<EvaluationValues>({
    initialValues: {
      evaluatedOn: today,
      levels: Object.fromEntries(goals.map((g) => [g.id, ''])),
      goalComments: Object.fromEntries(goals.map((g) => [g.id, ''])),
      personView: '',
      comments: '',
      participants: defaultParticipants(undefined),
    },
    validate: {
      evaluatedOn: (v) => (!v ? t('plans.evaluations.dateRequired') : v > today ? t('plans.evaluations.dateFuture') : since && v < since ? t('plans.evaluations.dateBeforeActive', { date: formatDate(since, locale) }) : null),
      levels: (v) => (Object.values(v).some(Boolean) ? null : t('plans.evaluations.atLeastOne')),
      participants: (v) => participantsError(v, t),
    },
  });
  const me = directory.data?.find((s) => s.id === session.staffMember.id);
  const participantsTouched = useRef(false);
  useEffect(() => {
    if (me && !participantsTouched.current) form.setFieldValue('participants', defaultParticipants(me));
    // Only when the directory arrives (the form itself is stable).
  }, [me?.id]);
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const record = useMutation({
    mutationFn: (input: EvaluationInput) => recordEvaluation(active.id, input, idempotency.keyFor(input)),
    onSuccess: async ({ tScore }, input) => {
      idempotency.done();
      notify(t('plans.evaluations.recorded', { date: formatDate(input.evaluatedOn, locale) }));
      onDone({ tScore, evaluatedOn: input.evaluatedOn });
      // The plan (history, progress) and anything else of the episode are read again.
      await client.invalidateQueries({ queryKey: episodeScopeKey(episode.id) });
      await client.invalidateQueries({ queryKey: deadlinesKey });
    },
    onError: onServerError,
  });
  const submit = (values: EvaluationValues) =>
    record.mutate({
      evaluatedOn: values.evaluatedOn,
      scores: goals.filter((g) => values.levels[g.id]).map((g) => ({ goalId: g.id, level: Number(values.levels[g.id]) as AttainmentLevel, comment: orNull(values.goalComments[g.id] ?? '') })),
      personView: orNull(values.personView),
      comments: orNull(values.comments),
      participants: toParticipants(values.participants),
    });
  const levelsError = typeof form.errors.levels === 'string' ? form.errors.levels : undefined;
  const title = t('plans.evaluations.formTitle', { number: active.number });
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="evaluation-form-title">
      <Stack gap="md">
        <Title order={3} size="h4" id="evaluation-form-title" ref={headingRef} tabIndex={-1} className="page-heading">
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {t('plans.evaluations.formHelp')}
        </Text>
        <form ref={formRef} noValidate onSubmit={form.onSubmit(submit, () => focusFirstInvalid(formRef.current))} aria-labelledby="evaluation-form-title">
          <Stack gap="xl">
            <ProblemAlert error={record.error} boundFields={boundFields} />
            <TextInput type="date" label={t('plans.evaluations.evaluatedOn')} required min={since || undefined} max={today} w={{ base: '100%', sm: 260 }} {...form.getInputProps('evaluatedOn')} />
            {goals.map((goal, index) => (
              <GoalScoreFields
                key={goal.id}
                goal={goal}
                position={index + 1}
                level={form.values.levels[goal.id] ?? ''}
                onLevel={(value) => {
                  form.setFieldValue(`levels.${goal.id}`, value);
                  if (value) form.clearFieldError('levels');
                }}
                comment={form.values.goalComments[goal.id] ?? ''}
                onComment={(value) => form.setFieldValue(`goalComments.${goal.id}`, value)}
                error={index === 0 ? levelsError : undefined}
                levelName={levelName}
              />
            ))}
            <FieldGroup title={t('plans.evaluations.viewsTitle')} headingOrder={3}>
              <Textarea label={t('plans.evaluations.personView')} description={t('plans.evaluations.personViewHelp')} autosize minRows={3} maxRows={10} maxLength={4000} {...form.getInputProps('personView')} />
              <Textarea label={t('plans.evaluations.comments')} description={t('plans.evaluations.commentsHelp')} autosize minRows={2} maxRows={10} maxLength={4000} {...form.getInputProps('comments')} />
            </FieldGroup>
            <ParticipantsFields
              personId={episode.personId}
              personName={episode.personName}
              value={form.values.participants}
              onChange={(value) => {
                participantsTouched.current = true;
                form.setFieldValue('participants', value);
              }}
              error={typeof form.errors.participants === 'string' ? form.errors.participants : null}
            />
            <Group>
              <Button type="submit" loading={record.isPending}>
                {t('plans.evaluations.submit')}
              </Button>
              <Button variant="default" onClick={onCancel} disabled={record.isPending}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Card>
  );
}

/** One goal: its five described levels to choose from (the description is the answer), and a comment. */
function GoalScoreFields({
  goal,
  position,
  level,
  onLevel,
  comment,
  onComment,
  error,
  levelName,
}: {
  goal: EvaluatedGoal;
  position: number;
  level: string;
  onLevel: (value: string) => void;
  comment: string;
  onComment: (value: string) => void;
  error?: string;
  levelName: (level: AttainmentLevel) => string;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="md" data-testid="goal-score">
      <Stack gap="sm">
        <RadioFieldset
          legend={t('plans.evaluations.goalLegend', { position, wording: goal.personWording })}
          description={goal.professionalWording ? t('plans.evaluations.professionalWording', { wording: goal.professionalWording }) : t('plans.evaluations.chooseLevel')}
          options={[
            // From the best to the least expected, as a goal attainment follow-up guide reads.
            ...[...attainmentLevels].reverse().map((l) => ({ value: String(l), label: goal.scale[String(l) as keyof EvaluatedGoal['scale']], description: `${levelNumber(l)} · ${levelName(l)}` })),
            { value: '', label: t('plans.evaluations.notScored') },
          ]}
          value={level}
          onChange={onLevel}
          error={error}
        />
        <Textarea label={t('plans.evaluations.goalComment', { position })} autosize minRows={1} maxRows={6} maxLength={1000} value={comment} onChange={(event) => onComment(event.currentTarget.value)} />
      </Stack>
    </Card>
  );
}

function ProgressSection({ plan }: { plan: PlanFollowUp }) {
  const { t } = useTranslation();
  if (plan.progress.length === 0) return null;
  const goalsById = new Map((plan.active?.content.goals ?? []).map((g) => [g.id, g]));
  return (
    <section aria-labelledby="progress-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="progress-title">
          {t('plans.evaluations.progress')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('plans.evaluations.progressHelp')}
        </Text>
        {plan.progress.map((goal, index) => {
          const headingId = `progress-goal-${goal.goalId}`;
          return (
            <Card key={goal.goalId} withBorder radius="md" padding="lg" component="article" aria-labelledby={headingId} data-testid="goal-progress">
              <Stack gap="sm">
                <Title order={4} size="h5" id={headingId}>
                  {t('plans.evaluations.goalLegend', { position: index + 1, wording: goal.personWording })}
                </Title>
                {goal.points.length === 0 ? (
                  <Text c="dimmed">{t('plans.evaluations.notYet')}</Text>
                ) : (
                  <ProgressChart
                    goalWording={goal.personWording}
                    // The comment of each score goes with it in the data table.
                    points={plan.evaluations.flatMap((e) => e.scores.filter((s) => s.goalId === goal.goalId).map((s) => ({ evaluatedOn: e.evaluatedOn, level: s.level, comment: s.comment })))}
                    scale={goalsById.get(goal.goalId)?.scale ?? null}
                  />
                )}
              </Stack>
            </Card>
          );
        })}
      </Stack>
    </section>
  );
}

function HistorySection({ episode, evaluations }: { episode: EpisodeView; evaluations: PlanEvaluation[] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const names = useParticipantNames(episode.personId, episode.personName);
  const word = useTScoreWord();
  // Newest first: the latest evaluation is the one people look for.
  const newestFirst = [...evaluations].reverse();
  return (
    <section aria-labelledby="history-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="history-title">
          {t('plans.evaluations.history')}
        </Title>
        {evaluations.length === 0 ? (
          <Text c="dimmed">{t('plans.evaluations.historyEmpty')}</Text>
        ) : (
          <ScrollTable minWidth={720} label={t('plans.evaluations.historyLabel')}>
            <Table verticalSpacing="sm" striped aria-label={t('plans.evaluations.historyLabel')} data-testid="evaluations-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('plans.evaluations.date')}</Table.Th>
                  <Table.Th scope="col">{t('plans.evaluations.tScore')}</Table.Th>
                  <Table.Th scope="col">{t('plans.evaluations.who')}</Table.Th>
                  <Table.Th scope="col">{t('plans.evaluations.personView')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {newestFirst.map((e) => (
                  <Table.Tr key={e.id} data-testid="evaluation-row">
                    <Table.Td>
                      <Text inherit fw={600}>
                        {formatDate(e.evaluatedOn, locale)}
                      </Text>
                      <Text size="sm" c="dimmed">
                        {t('plans.evaluations.versionGoals', { number: e.versionNumber, count: e.scores.length })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {e.tScore === null ? (
                        '—'
                      ) : (
                        <>
                          <Text inherit fw={700}>
                            {formatScore(e.tScore)}
                          </Text>
                          <Text size="sm">{word(e.tScore)}</Text>
                        </>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {e.participants.length > 0 ? formatList(names(e.participants), locale) : <Text span inherit c="dimmed">{t('plans.assessments.participants.none')}</Text>}
                      <Text size="sm" c="dimmed">
                        {t('plans.evaluations.recordedBy', { name: e.createdByName })}
                      </Text>
                    </Table.Td>
                    <Table.Td className="keep-lines">
                      {e.personView ? <q className="person-words">{e.personView}</q> : <Text span inherit c="dimmed">{t('plans.evaluations.noPersonView')}</Text>}
                      {e.comments && (
                        <Text size="sm" mt={4}>
                          <Text span inherit c="dimmed">
                            {t('plans.evaluations.teamComments')}
                            {t('common.colon')}
                          </Text>
                          {e.comments}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Stack>
    </section>
  );
}
