import { Alert, Anchor, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useIdempotencyKey } from '../../api/idempotency';
import { assessmentTemplatesKey, useAssessmentTemplates, type AssessmentTemplate } from '../../api/plan-assessments';
import { createAssessmentTemplate, updateAssessmentTemplate } from '../../api/templates';
import { useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { AssessmentTemplateFields, type OpenSections } from './AssessmentTemplateFields';
import { templateErrors, templateFormValues, templateInput, type TemplateFormValues } from './assessment-template-form';

function BackToTemplates() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/modeles" size="sm" w="fit-content">
      <span aria-hidden="true">← </span>
      {t('templates.form.backToList')}
    </Anchor>
  );
}

/** A new assessment template: empty, or a copy of another (?depuis=id) to adapt. */
export function NewAssessmentTemplatePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const sourceId = params.get('depuis');
  const templates = useAssessmentTemplates();
  const source = sourceId ? templates.data?.find((template) => template.id === sourceId) : undefined;
  return (
    <Stack gap="lg" maw={880}>
      <BackToTemplates />
      <PageHeading documentTitle={t('templates.form.newTitle')}>{t('templates.form.newTitle')}</PageHeading>
      {sourceId && templates.isPending ? (
        <Loading />
      ) : (
        // Keyed by the copied template: its values are the form's starting point.
        <TemplateForm key={source?.id ?? 'new'} initial={templateFormValues(source, source ? t('templates.form.copyName', { name: source.name }) : undefined)} folded={Boolean(source)} />
      )}
    </Stack>
  );
}

/** Changes a template; the ids of its sections and questions go back with them. */
export function EditAssessmentTemplatePage() {
  const { t } = useTranslation();
  const { templateId = '' } = useParams();
  const templates = useAssessmentTemplates();
  const template = templates.data?.find((tpl) => tpl.id === templateId);
  const title = template ? t('templates.form.editTitle', { name: template.name }) : t('templates.assessments.title');
  return (
    <Stack gap="lg" maw={880}>
      <BackToTemplates />
      <PageHeading documentTitle={title}>{title}</PageHeading>
      {templates.isPending ? (
        <Loading />
      ) : templates.isError ? (
        <ProblemAlert error={templates.error} />
      ) : !template ? (
        <Alert color="orange" variant="light" role="alert">
          {t('templates.form.notFound')}
        </Alert>
      ) : (
        <TemplateForm key={template.id} template={template} initial={templateFormValues(template)} folded />
      )}
    </Stack>
  );
}

/** After a refused submit, the first field or list in error takes the focus (its message is read with it). */
function focusFirstProblem(formElement: HTMLFormElement | null, frames = 5): void {
  requestAnimationFrame(() => {
    const target = formElement?.querySelector<HTMLElement>('[aria-invalid="true"], [data-problem]');
    // A field in a section still folded shows a frame or two later, once the section opens.
    if (target && target.closest('[hidden]') === null) target.focus();
    else if (frames > 1) focusFirstProblem(formElement, frames - 1);
  });
}

/** The sections named by error paths ("sections.2.questions.0.label", "body.sections.2.title"). */
const sectionIndexes = (paths: string[]) => [...new Set(paths.map((path) => /^(?:body\.)?sections\.(\d+)\./.exec(path)?.[1]).filter((i) => i !== undefined))].map(Number);

/** A saved template's sections open folded; a new template's, and any new section, open unfolded. */
function useOpenSections(initial: TemplateFormValues, folded: boolean): OpenSections {
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set(folded ? [] : initial.sections.map((s) => s.key)));
  return {
    isOpen: (key) => open.has(key),
    toggle: (key) =>
      setOpen((previous) => {
        const next = new Set(previous);
        if (!next.delete(key)) next.add(key);
        return next;
      }),
    open: (key) => setOpen((previous) => new Set(previous).add(key)),
  };
}

function TemplateForm({ template, initial, folded }: { template?: AssessmentTemplate; initial: TemplateFormValues; folded: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const notify = useNotify();
  const idempotency = useIdempotencyKey();
  const form = useForm<TemplateFormValues>({ initialValues: initial, validate: (values) => templateErrors(values, t) });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const sections = useOpenSections(initial, folded);
  // A problem inside a folded section unfolds it, so that its field can take the focus.
  const showProblems = (paths: string[]) => {
    const keys = form.getValues().sections.map((s) => s.key);
    for (const index of sectionIndexes(paths)) {
      const key = keys[index];
      if (key && !sections.isOpen(key)) sections.open(key);
    }
    focusFirstProblem(formRef.current);
  };
  const save = useMutation({
    mutationFn: async (values: TemplateFormValues) => {
      const input = templateInput(values);
      if (template) await updateAssessmentTemplate(template.id, input);
      else await createAssessmentTemplate(input, idempotency.keyFor(input));
    },
    onSuccess: async (_result, values) => {
      idempotency.done();
      await client.invalidateQueries({ queryKey: assessmentTemplatesKey });
      const name = values.name.trim();
      notify(template ? t('templates.form.saved', { name }) : t('templates.form.created', { name }));
      await navigate('/modeles');
    },
    onError: (error) => {
      onServerError(error);
      showProblems(error instanceof ApiError ? error.fieldErrors.map((f) => f.field) : []);
    },
  });
  return (
    <Card withBorder radius="md" padding="lg">
      <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => save.mutate(values), (errors) => showProblems(Object.keys(errors)))}>
        <Stack gap="lg">
          {template ? (
            <Alert color="relais" variant="light" role="note">
              {t('templates.form.pastAssessments')}
            </Alert>
          ) : (
            <Text size="sm">{t('templates.form.newHelp')}</Text>
          )}
          <AssessmentTemplateFields form={form} sections={sections} />
          {/* Next to the buttons: at the end of a long form, that is where the eyes are. */}
          <ProblemAlert error={save.error} boundFields={boundFields} />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {template ? t('common.save') : t('templates.form.createSubmit')}
            </Button>
            <Button component={Link} to="/modeles" variant="default">
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
