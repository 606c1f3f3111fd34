import { Alert, Button, Card, Group, Input, Radio, Stack, Table, Text, Textarea, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useStaffDirectory } from '../../api/episodes';
import { useIdempotencyKey } from '../../api/idempotency';
import {
  assessmentsKey,
  conflictDetail,
  createAssessment,
  updateAssessment,
  useAssessments,
  useAssessmentTemplates,
  type AnswerValue,
  type Assessment,
  type AssessmentFields,
  type AssessmentTemplate,
  type TemplateQuestion,
  type TemplateSection,
} from '../../api/plan-assessments';
import { can, useActiveSession } from '../../api/session';
import { CheckboxFieldset } from '../../components/CheckboxFieldset';
import { Fact, FactGroup } from '../../components/Facts';
import { FieldGroup } from '../../components/FieldGroup';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RadioFieldset } from '../../components/RadioFieldset';
import { formatDate, formatDateTime, formatList, organizationToday } from '../../format';
import { currentLocale } from '../../i18n/setup';
import { ScrollTable } from '../admissions/ScrollTable';
import type { EpisodeView } from './EpisodePage';
import './follow-up.css';
import { defaultParticipants, ParticipantsFields, participantsError, participantsValue, toParticipants, useParticipantNames, type ParticipantsValue } from './ParticipantsFields';

type Mode = { kind: 'list' } | { kind: 'new' } | { kind: 'view'; id: string } | { kind: 'edit'; id: string };

/**
 * The episode's assessments ("diagnostics"): the list, one read in full, and the form to record a
 * new one on one of the structure's templates or to change one. A change is made on the revision it
 * was read at: if someone saved in between, nothing is overwritten and the user keeps their answers.
 */
export function AssessmentsTab({ episode }: { episode: EpisodeView }) {
  const session = useActiveSession();
  const assessments = useAssessments(episode.id);
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  // After a change of mode made by the user, its heading takes the focus (not on first display).
  const [moved, setMoved] = useState(false);
  const go = (next: Mode) => {
    setMoved(true);
    setMode(next);
  };
  const write = can(session, 'person:update') && !episode.endedOn;

  if (assessments.isPending) return <Loading />;
  if (assessments.isError) return <ProblemAlert error={assessments.error} />;
  const current = mode.kind === 'view' || mode.kind === 'edit' ? assessments.data.find((a) => a.id === mode.id) : undefined;

  if (mode.kind === 'new') {
    return <NewAssessment episode={episode} onDone={(id) => go({ kind: 'view', id })} onCancel={() => go({ kind: 'list' })} />;
  }
  if (mode.kind === 'edit' && current) {
    return <AssessmentForm episode={episode} sections={current.sections} assessment={current} focusHeading onDone={(id) => go({ kind: 'view', id })} onCancel={() => go({ kind: 'view', id: current.id })} />;
  }
  if (mode.kind === 'view' && current) {
    return <AssessmentView episode={episode} assessment={current} focusHeading={moved} canEdit={write} onEdit={() => go({ kind: 'edit', id: current.id })} onBack={() => go({ kind: 'list' })} />;
  }
  return <AssessmentList episode={episode} assessments={assessments.data} focusHeading={moved} canCreate={write} onCreate={() => go({ kind: 'new' })} onOpen={(id) => go({ kind: 'view', id })} />;
}

/** An h2 that takes the focus when it appears after the user's action, so the change is announced. */
function TabHeading({ children, focus, id }: { children: string; focus: boolean; id?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <Title order={2} size="h3" ref={ref} tabIndex={-1} className="page-heading" id={id}>
      {children}
    </Title>
  );
}

function AssessmentList({
  episode,
  assessments,
  focusHeading,
  canCreate,
  onCreate,
  onOpen,
}: {
  episode: EpisodeView;
  assessments: Assessment[];
  focusHeading: boolean;
  canCreate: boolean;
  onCreate: () => void;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const names = useParticipantNames(episode.personId, episode.personName);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4} maw={640}>
          <TabHeading focus={focusHeading}>{t('plans.assessments.title')}</TabHeading>
          <Text size="sm" c="dimmed">
            {t('plans.assessments.intro')}
          </Text>
        </Stack>
        {canCreate && <Button onClick={onCreate}>{t('plans.assessments.create')}</Button>}
      </Group>
      {assessments.length === 0 ? (
        <Card withBorder radius="md" padding="lg">
          <Text>{t('plans.assessments.empty')}</Text>
        </Card>
      ) : (
        <ScrollTable minWidth={680} label={t('plans.assessments.tableLabel')}>
          <Table verticalSpacing="sm" striped aria-label={t('plans.assessments.tableLabel')} data-testid="assessments-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('plans.assessments.date')}</Table.Th>
                <Table.Th scope="col">{t('plans.assessments.template')}</Table.Th>
                <Table.Th scope="col">{t('plans.assessments.participantsColumn')}</Table.Th>
                <Table.Th scope="col">{t('plans.assessments.updated')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {assessments.map((a) => {
                const date = formatDate(a.assessedOn, locale);
                return (
                  <Table.Tr key={a.id} data-testid="assessment-row">
                    <Table.Td fw={600}>{date}</Table.Td>
                    <Table.Td>{a.templateName}</Table.Td>
                    <Table.Td>{a.participants.length > 0 ? formatList(names(a.participants), locale) : <Text span c="dimmed" inherit>{t('plans.assessments.participants.none')}</Text>}</Table.Td>
                    <Table.Td>{t('plans.assessments.updatedBy', { name: a.updatedByName, date: formatDateTime(a.updatedAt, locale) })}</Table.Td>
                    <Table.Td className="table-cell-actions">
                      <Button size="sm" variant="default" onClick={() => onOpen(a.id)} aria-label={t('plans.assessments.openFor', { date })}>
                        {t('plans.assessments.open')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Stack>
  );
}

/** An answer as words: a scale as "3 sur 5", several choices as a list; nothing said plainly. */
function useAnswerText(): (question: TemplateQuestion, value: AnswerValue | undefined) => string | null {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (question, value) => {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return null;
    if (Array.isArray(value)) return formatList(value, locale);
    if (typeof value === 'number' && question.scale) return t('plans.assessments.scaleAnswer', { value, max: question.scale.max, minLabel: question.scale.minLabel, maxLabel: question.scale.maxLabel, min: question.scale.min });
    return String(value);
  };
}

function AssessmentView({ episode, assessment, focusHeading, canEdit, onEdit, onBack }: { episode: EpisodeView; assessment: Assessment; focusHeading: boolean; canEdit: boolean; onEdit: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const names = useParticipantNames(episode.personId, episode.personName);
  const answerText = useAnswerText();
  const date = formatDate(assessment.assessedOn, locale);
  return (
    <Stack gap="md" data-testid="assessment-view">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4}>
          <TabHeading focus={focusHeading}>{t('plans.assessments.viewTitle', { date })}</TabHeading>
          <Text size="sm" c="dimmed">
            {t('plans.assessments.updatedLine', { name: assessment.updatedByName, date: formatDateTime(assessment.updatedAt, locale), revision: assessment.revision })}
          </Text>
        </Stack>
        <Group gap="sm">
          <Button variant="default" onClick={onBack}>
            <span aria-hidden="true">←&nbsp;</span>
            {t('plans.assessments.backToList')}
          </Button>
          {canEdit && <Button onClick={onEdit}>{t('plans.assessments.edit')}</Button>}
        </Group>
      </Group>
      <Card withBorder radius="md" padding="lg">
        <Stack gap="lg">
          <FactGroup>
            <Fact label={t('plans.assessments.template')}>{assessment.templateName}</Fact>
            <Fact label={t('plans.assessments.participantsColumn')} empty={t('plans.assessments.participants.none')}>
              {assessment.participants.length > 0 ? formatList(names(assessment.participants), locale) : null}
            </Fact>
          </FactGroup>
          <section aria-labelledby="assessment-person">
            <Title order={3} size="h4" id="assessment-person" mb="sm">
              {t('plans.assessments.withThePerson')}
            </Title>
            <dl className="assessment-answers">
              <Fact label={t('plans.assessments.expectations')} empty={t('plans.assessments.notAnswered')}>
                {assessment.expectations ? <q className="person-words">{assessment.expectations}</q> : null}
              </Fact>
              <Fact label={t('plans.assessments.strengths')} empty={t('plans.assessments.notAnswered')}>
                {assessment.strengths}
              </Fact>
              <Fact label={t('plans.assessments.obstacles')} empty={t('plans.assessments.notAnswered')}>
                {assessment.obstacles}
              </Fact>
            </dl>
          </section>
          {assessment.sections.map((section) => (
            <section key={section.id} aria-labelledby={`section-${section.id}`}>
              <Title order={3} size="h4" id={`section-${section.id}`} mb="sm">
                {section.title}
              </Title>
              <dl className="assessment-answers">
                {section.questions.map((q) => (
                  <Fact key={q.id} label={q.label} empty={t('plans.assessments.notAnswered')}>
                    {answerText(q, assessment.answers[q.id])}
                  </Fact>
                ))}
              </dl>
            </section>
          ))}
        </Stack>
      </Card>
    </Stack>
  );
}

/** The template is chosen first (the structure's default at the top), then its questions are asked. */
function NewAssessment({ episode, onDone, onCancel }: { episode: EpisodeView; onDone: (id: string) => void; onCancel: () => void }) {
  const templates = useAssessmentTemplates();
  if (templates.isPending) return <Loading />;
  if (templates.isError) return <ProblemAlert error={templates.error} />;
  const sorted = [...templates.data].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name, 'fr'));
  return <AssessmentForm episode={episode} templates={sorted} sections={sorted[0]?.sections ?? []} focusHeading onDone={onDone} onCancel={onCancel} />;
}

interface AssessmentValues extends Record<string, unknown> {
  templateId: string;
  /** Scales and choices as the radios hold them (strings), several choices as a list. */
  answers: Record<string, string | string[]>;
  expectations: string;
  strengths: string;
  obstacles: string;
  participants: ParticipantsValue;
  assessedOn: string;
}

function formAnswers(sections: TemplateSection[], saved: Record<string, AnswerValue> = {}, kept: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  const answers: Record<string, string | string[]> = {};
  for (const q of sections.flatMap((s) => s.questions)) {
    const value = kept[q.id] ?? saved[q.id];
    if (q.type === 'multi_choice') answers[q.id] = Array.isArray(value) ? value : [];
    else answers[q.id] = value === null || value === undefined || Array.isArray(value) ? '' : String(value);
  }
  return answers;
}

function answersToSend(sections: TemplateSection[], answers: Record<string, string | string[]>): Record<string, AnswerValue> {
  const result: Record<string, AnswerValue> = {};
  for (const q of sections.flatMap((s) => s.questions)) {
    const value = answers[q.id];
    if (Array.isArray(value)) result[q.id] = value.length > 0 ? value : null;
    else if (value === undefined || value.trim() === '') result[q.id] = null;
    else result[q.id] = q.type === 'scale' ? Number(value) : value.trim();
  }
  return result;
}

function valuesOf(assessment: Assessment): AssessmentValues {
  return {
    templateId: '',
    answers: formAnswers(assessment.sections, assessment.answers),
    expectations: assessment.expectations ?? '',
    strengths: assessment.strengths ?? '',
    obstacles: assessment.obstacles ?? '',
    participants: participantsValue(assessment.participants),
    assessedOn: assessment.assessedOn,
  };
}

const orNull = (value: string) => value.trim() || null;

function AssessmentForm({
  episode,
  templates = [],
  sections: initialSections,
  assessment,
  focusHeading,
  onDone,
  onCancel,
}: {
  episode: EpisodeView;
  templates?: AssessmentTemplate[];
  sections: TemplateSection[];
  assessment?: Assessment;
  focusHeading: boolean;
  onDone: (id: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const client = useQueryClient();
  const notify = useNotify();
  const locale = currentLocale();
  const directory = useStaffDirectory();
  const idempotency = useIdempotencyKey();
  const today = organizationToday();
  // The revision this form's content was read at: a save is made on it, and a reload moves it on.
  const [revision, setRevision] = useState(assessment?.revision ?? 0);
  const [headingFocus, setHeadingFocus] = useState(focusHeading);
  const me = directory.data?.find((s) => s.id === session.staffMember.id);
  const form = useForm<AssessmentValues>({
    initialValues: assessment
      ? valuesOf(assessment)
      : { templateId: templates[0]?.id ?? '', answers: formAnswers(initialSections), expectations: '', strengths: '', obstacles: '', participants: defaultParticipants(undefined), assessedOn: today },
    validate: {
      assessedOn: (v) => (!v ? t('plans.assessments.dateRequired') : v > today ? t('plans.assessments.dateFuture') : null),
      participants: (v) => participantsError(v, t),
    },
  });
  // The user is among the participants of a new assessment once the directory says who they are.
  const participantsTouched = useRef(false);
  useEffect(() => {
    if (!assessment && me && !participantsTouched.current) form.setFieldValue('participants', defaultParticipants(me));
    // Only when the directory arrives (the form itself is stable).
  }, [me?.id]);
  const template = templates.find((x) => x.id === form.values.templateId);
  const sections = assessment ? assessment.sections : (template?.sections ?? initialSections);
  const { formRef, boundFields, onServerError } = useServerErrors(form);

  const save = useMutation({
    mutationFn: async (values: AssessmentValues): Promise<{ id: string }> => {
      const fields: AssessmentFields = {
        answers: answersToSend(sections, values.answers),
        expectations: orNull(values.expectations),
        strengths: orNull(values.strengths),
        obstacles: orNull(values.obstacles),
        participants: toParticipants(values.participants),
        assessedOn: values.assessedOn,
      };
      if (assessment) {
        const saved = await updateAssessment(assessment.id, { ...fields, revision });
        setRevision(saved.revision);
        return { id: assessment.id };
      }
      const body = { ...fields, templateId: values.templateId };
      return createAssessment(episode.id, body, idempotency.keyFor(body));
    },
    onSuccess: async ({ id }, values) => {
      idempotency.done();
      notify(assessment ? t('plans.assessments.saved') : t('plans.assessments.created', { date: formatDate(values.assessedOn, locale) }));
      await client.invalidateQueries({ queryKey: assessmentsKey(episode.id) });
      onDone(id);
    },
    onError: onServerError,
  });
  const conflict = save.error instanceof ApiError && save.error.status === 412 ? (conflictDetail(save.error) ?? save.error.problem.title) : null;
  // The warning is at the top of a long form and the user is at its bottom: it takes the focus (and comes into view).
  const conflictRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (conflict !== null) conflictRef.current?.focus();
  }, [conflict]);

  const reload = useMutation({
    mutationFn: async () => {
      await client.invalidateQueries({ queryKey: assessmentsKey(episode.id) });
      return client.getQueryData<Assessment[]>(assessmentsKey(episode.id))?.find((a) => a.id === assessment?.id) ?? null;
    },
    onSuccess: (fresh) => {
      if (!fresh) return;
      form.setValues(valuesOf(fresh));
      form.clearErrors();
      setRevision(fresh.revision);
      save.reset();
      notify(t('plans.assessments.reloaded'), 'info');
      setHeadingFocus(false);
      requestAnimationFrame(() => setHeadingFocus(true));
    },
  });

  const chooseTemplate = (templateId: string) => {
    const next = templates.find((x) => x.id === templateId);
    form.setFieldValue('templateId', templateId);
    // Answers to questions the two templates share are kept.
    if (next) form.setFieldValue('answers', formAnswers(next.sections, {}, form.values.answers));
  };
  const title = assessment ? t('plans.assessments.editTitle', { date: formatDate(assessment.assessedOn, locale) }) : t('plans.assessments.newTitle');

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <TabHeading focus={headingFocus}>{title}</TabHeading>
        <Text size="sm" c="dimmed">
          {t('plans.assessments.formHelp')}
        </Text>
      </Stack>
      <Card withBorder radius="md" padding="lg">
        <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => save.mutate(values), () => focusFirstInvalid(formRef.current))} aria-label={title}>
          <Stack gap="xl">
            {conflict !== null ? (
              <Alert ref={conflictRef} tabIndex={-1} className="takes-focus" color="orange" variant="light" role="alert" title={t('plans.assessments.conflictTitle')} data-testid="assessment-conflict">
                <Stack gap="sm" align="flex-start">
                  <Text inherit fw={650}>
                    {conflict}
                  </Text>
                  <Text inherit>{t('plans.assessments.conflictText')}</Text>
                  <Button variant="default" onClick={() => reload.mutate()} loading={reload.isPending}>
                    {t('plans.assessments.reload')}
                  </Button>
                  <ProblemAlert error={reload.error} />
                </Stack>
              </Alert>
            ) : (
              <ProblemAlert error={save.error} boundFields={boundFields} />
            )}
            {!assessment && templates.length === 0 && <Alert color="orange" variant="light">{t('plans.assessments.noTemplates')}</Alert>}
            {!assessment && templates.length > 1 && (
              <RadioFieldset
                legend={t('plans.assessments.chooseTemplate')}
                description={t('plans.assessments.templateHelp')}
                options={templates.map((x) => ({ value: x.id, label: x.name, description: x.isDefault ? t('plans.assessments.defaultTemplate') : undefined }))}
                value={form.values.templateId}
                onChange={chooseTemplate}
                cols={{ base: 1, sm: 2 }}
              />
            )}
            {!assessment && templates.length === 1 && (
              <Text size="sm">
                <Text span inherit c="dimmed">
                  {t('plans.assessments.template')}
                  {t('common.colon')}
                </Text>
                {templates[0]!.name}
              </Text>
            )}
            <TextInput type="date" label={t('plans.assessments.assessedOn')} required max={today} w={{ base: '100%', sm: 260 }} {...form.getInputProps('assessedOn')} />
            <FieldGroup title={t('plans.assessments.withThePerson')} description={t('plans.assessments.withThePersonHelp')} headingOrder={3}>
              <Textarea label={t('plans.assessments.expectations')} description={t('plans.assessments.expectationsHelp')} autosize minRows={3} maxRows={10} maxLength={4000} {...form.getInputProps('expectations')} />
              <Textarea label={t('plans.assessments.strengths')} description={t('plans.assessments.strengthsHelp')} autosize minRows={2} maxRows={8} maxLength={4000} {...form.getInputProps('strengths')} />
              <Textarea label={t('plans.assessments.obstacles')} description={t('plans.assessments.obstaclesHelp')} autosize minRows={2} maxRows={8} maxLength={4000} {...form.getInputProps('obstacles')} />
            </FieldGroup>
            {sections.map((section) => (
              <FieldGroup key={section.id} title={section.title} headingOrder={3}>
                {section.questions.map((q) => (
                  <QuestionField
                    key={q.id}
                    question={q}
                    value={form.values.answers[q.id] ?? (q.type === 'multi_choice' ? [] : '')}
                    onChange={(value) => form.setFieldValue(`answers.${q.id}`, value)}
                    error={form.errors[`answers.${q.id}`]}
                  />
                ))}
              </FieldGroup>
            ))}
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
              <Button type="submit" loading={save.isPending} disabled={!assessment && !form.values.templateId}>
                {assessment ? t('plans.assessments.submitEdit') : t('plans.assessments.submitCreate')}
              </Button>
              <Button variant="default" onClick={onCancel} disabled={save.isPending}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}

/** One question of a template, as the field its type calls for. */
function QuestionField({ question, value, onChange, error }: { question: TemplateQuestion; value: string | string[]; onChange: (value: string | string[]) => void; error?: ReactNode }) {
  const { t } = useTranslation();
  switch (question.type) {
    case 'text':
      return <Textarea label={question.label} autosize minRows={2} maxRows={10} maxLength={4000} value={typeof value === 'string' ? value : ''} onChange={(event) => onChange(event.currentTarget.value)} error={error} />;
    case 'choice':
      return (
        <RadioFieldset
          legend={question.label}
          options={[...(question.options ?? []).map((o) => ({ value: o, label: o })), { value: '', label: t('plans.assessments.noAnswer') }]}
          value={typeof value === 'string' ? value : ''}
          onChange={onChange}
          error={error}
          cols={{ base: 1, sm: 2 }}
        />
      );
    case 'multi_choice':
      return <CheckboxFieldset legend={question.label} options={(question.options ?? []).map((o) => ({ value: o, label: o }))} value={Array.isArray(value) ? value : []} onChange={onChange} error={error} />;
    case 'scale':
      return <ScaleFieldset question={question} value={typeof value === 'string' ? value : ''} onChange={onChange} error={error} />;
  }
}

/**
 * A scale question: its steps side by side, the words of both ends under the first and the last
 * (read with them), and "Sans réponse" on its own line. A real fieldset, as RadioFieldset is, with
 * the same handling of an error (every radio marked invalid, the message read with each).
 */
function ScaleFieldset({ question, value, onChange, error }: { question: TemplateQuestion; value: string; onChange: (value: string) => void; error?: ReactNode }) {
  const { t } = useTranslation();
  const id = useId();
  const scale = question.scale ?? { min: 1, max: 5, minLabel: '', maxLabel: '' };
  const steps = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i);
  const descriptionId = `${id}-description`;
  const errorId = error ? `${id}-error` : undefined;
  const radio = (option: string, label: ReactNode, description?: string) => (
    <Radio
      key={option}
      name={`scale-${id}`}
      value={option}
      label={label}
      description={description}
      checked={value === option}
      onChange={(event) => {
        if (event.currentTarget.checked) onChange(option);
      }}
      error={Boolean(error)}
      aria-invalid={error ? true : undefined}
      aria-describedby={errorId}
    />
  );
  return (
    <fieldset className="form-group" aria-describedby={descriptionId}>
      <legend>
        <Input.Label labelElement="div" size="md" mb={0}>
          {question.label}
        </Input.Label>
      </legend>
      <Stack gap="xs">
        <Input.Description id={descriptionId} size="md">
          {t('plans.assessments.scaleHelp', { min: scale.min, max: scale.max, minLabel: scale.minLabel, maxLabel: scale.maxLabel })}
        </Input.Description>
        <div className="scale-steps" data-steps={Math.min(steps.length, 6)}>
          {steps.map((n) => radio(String(n), String(n), n === scale.min ? scale.minLabel : n === scale.max ? scale.maxLabel : undefined))}
        </div>
        {radio('', t('plans.assessments.noAnswer'))}
        {error && (
          <Input.Error id={errorId} size="md">
            {error}
          </Input.Error>
        )}
      </Stack>
    </fieldset>
  );
}
