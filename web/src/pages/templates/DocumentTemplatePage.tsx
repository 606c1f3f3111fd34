import { Alert, Anchor, Button, Card, Group, Input, Paper, Stack, Text, Textarea, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { contractKinds, type ContractKind } from '../../api/plans';
import { useActiveSession } from '../../api/session';
import { contractFields, documentTemplatesKey, fieldPattern, isContractField, saveDocumentTemplate, useDocumentTemplates, type ContractField, type DocumentTemplate } from '../../api/templates';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { organizationToday } from '../../format';
import './templates.css';

const isContractKind = (kind: string): kind is ContractKind => (contractKinds as readonly string[]).includes(kind);

/** The text of the contract of stay or of the DIPC, with the fields filled in when a person's document is made. */
export function DocumentTemplatePage() {
  const { t } = useTranslation();
  const { kind = '' } = useParams();
  const documents = useDocumentTemplates();
  const document = isContractKind(kind) ? documents.data?.find((d) => d.kind === kind) : undefined;
  const name = isContractKind(kind) ? t(`templates.documents.kinds.${kind}`) : t('templates.documents.title');
  const title = t('templates.documents.editTitle', { name });
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/modeles" size="sm" w="fit-content">
        <span aria-hidden="true">← </span>
        {t('templates.form.backToList')}
      </Anchor>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      {documents.isPending ? (
        <Loading />
      ) : documents.isError ? (
        <ProblemAlert error={documents.error} />
      ) : !document ? (
        <Alert color="orange" variant="light" role="alert">
          {t('templates.documents.notFound')}
        </Alert>
      ) : (
        <DocumentTemplateForm key={document.kind} document={document} name={name} />
      )}
    </Stack>
  );
}

interface DocumentFormValues extends Record<string, unknown> {
  title: string;
  body: string;
}

/** A calendar day as the server writes it in a contract: "14 mars 1987" (contracts are in French). */
const frenchDay = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

const inAYear = (day: string) => {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() + 1);
  return date.toISOString().slice(0, 10);
};

/** The words that fill each field in the preview: an example person, this structure, today. */
function useExampleValues(): Record<ContractField, string> {
  const { t } = useTranslation();
  const session = useActiveSession();
  const today = organizationToday();
  return {
    'structure.nom': session.organization.name,
    'personne.nom': t('templates.documents.examples.person'),
    'personne.date_naissance': frenchDay('1987-03-14'),
    'dispositif.nom': t('templates.documents.examples.service'),
    'prise_en_charge.debut': frenchDay(today),
    'prise_en_charge.fin_prevue': frenchDay(inAYear(today)),
    'referent.nom': t('templates.documents.examples.referent'),
    'coordonnateur.nom': t('templates.documents.examples.coordinator'),
    date: frenchDay(today),
  };
}

const placeholder = (field: string) => `{{${field}}}`;
/** A field's code may wrap after its dots and underscores, not in the middle of a word. */
const breakable = (code: string) => code.split(/(?<=[._])/).flatMap((part, i) => (i === 0 ? [part] : [<wbr key={i} />, part]));
/** i18next reads dots as nesting: "personne.nom" is named under "personne_nom". */
const fieldKey = (field: ContractField) => field.replace(/\./g, '_');

function unknownFields(body: string): string[] {
  return [...new Set([...body.matchAll(fieldPattern)].map((m) => m[1] ?? '').filter((name) => !isContractField(name)))];
}

function DocumentTemplateForm({ document, name }: { document: DocumentTemplate; name: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const notify = useNotify();
  const fieldsId = useId();
  const form = useForm<DocumentFormValues>({
    initialValues: { title: document.title, body: document.body },
    validate: {
      title: (v) => (!v.trim() ? t('validation.required') : v.trim().length > 200 ? t('person.tooLong', { count: 200 }) : null),
      body: (v) => (!v.trim() ? t('validation.required') : v.length > 50_000 ? t('person.tooLong', { count: 50_000 }) : null),
    },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const save = useMutation({
    mutationFn: (values: DocumentFormValues) => saveDocumentTemplate(document.kind, { title: values.title.trim(), body: values.body }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: documentTemplatesKey });
      notify(t('templates.documents.saved', { name }));
      await navigate('/modeles');
    },
    onError: onServerError,
  });

  // Where the next field goes: the cursor in the text, or its end while the text has not had the focus.
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const bodyFocused = useRef(false);
  const caretAfter = useRef<number | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const bodyValue = form.values.body;
  useEffect(() => {
    const element = bodyRef.current;
    const at = caretAfter.current;
    if (!element || at === null) return;
    caretAfter.current = null;
    element.focus();
    element.setSelectionRange(at, at);
  }, [bodyValue]);
  const insert = (field: ContractField) => {
    const element = bodyRef.current;
    const text = placeholder(field);
    const start = element && bodyFocused.current ? element.selectionStart : bodyValue.length;
    const end = element && bodyFocused.current ? element.selectionEnd : bodyValue.length;
    caretAfter.current = start + text.length;
    form.setFieldValue('body', bodyValue.slice(0, start) + text + bodyValue.slice(end));
    setAnnouncement(t('templates.documents.inserted', { field: t(`templates.documents.fieldNames.${fieldKey(field)}`) }));
  };
  const bodyProps = form.getInputProps('body');

  return (
    <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => save.mutate(values), () => focusFirstInvalid(formRef.current))}>
      <Stack gap="lg">
        <Alert color="gray" variant="light" role="note">
          {t('templates.documents.pastContracts')}
        </Alert>
        <Card withBorder radius="md" padding="lg">
          <Stack gap="lg">
            <TextInput label={t('templates.documents.titleField')} required autoComplete="off" maxLength={200} size="md" {...form.getInputProps('title')} />
            <fieldset className="form-group" aria-describedby={`${fieldsId}-help`}>
              <legend>
                <Input.Label labelElement="div" size="md" mb={0}>
                  {t('templates.documents.fields')}
                </Input.Label>
              </legend>
              <Stack gap="xs">
                <Input.Description id={`${fieldsId}-help`} size="md">
                  {t('templates.documents.fieldsHelp')}
                </Input.Description>
                <div className="field-buttons">
                  {contractFields.map((field) => (
                    <Button key={field} variant="default" size="md" className="field-button" onClick={() => insert(field)}>
                      <span className="field-button-text">
                        <span>{t(`templates.documents.fieldNames.${fieldKey(field)}`)}</span>{' '}
                        <span className="field-button-code">{breakable(placeholder(field))}</span>
                      </span>
                    </Button>
                  ))}
                </div>
              </Stack>
            </fieldset>
            <Textarea
              label={t('templates.documents.body')}
              description={t('templates.documents.bodyHelp', { example: placeholder('personne.nom') })}
              required
              size="md"
              autosize
              minRows={14}
              maxRows={40}
              maxLength={50_000}
              spellCheck
              ref={bodyRef}
              {...bodyProps}
              onFocus={(event) => {
                bodyFocused.current = true;
                (bodyProps.onFocus as ((e: typeof event) => void) | undefined)?.(event);
              }}
            />
            <VisuallyHidden role="status" aria-live="polite">
              {announcement}
            </VisuallyHidden>
          </Stack>
        </Card>
        <DocumentPreview title={form.values.title} body={bodyValue} />
        <ProblemAlert error={save.error} boundFields={boundFields} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
          <Button component={Link} to="/modeles" variant="default">
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The text as a person's document would read, with example values; an unknown field stands out. */
function DocumentPreview({ title, body }: { title: string; body: string }) {
  const { t } = useTranslation();
  const values = useExampleValues();
  const unknown = unknownFields(body);
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of body.matchAll(fieldPattern)) {
    const index = match.index;
    const field = match[1] ?? '';
    parts.push(body.slice(last, index));
    parts.push(
      isContractField(field) ? (
        <mark key={index} className="template-value">
          {values[field]}
        </mark>
      ) : (
        <mark key={index} className="template-unknown">
          {match[0]}
          <VisuallyHidden> ({t('templates.documents.unknownField')})</VisuallyHidden>
        </mark>
      ),
    );
    last = index + match[0].length;
  }
  parts.push(body.slice(last));
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="document-preview">
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={2} size="h3" id="document-preview">
            {t('templates.documents.preview')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('templates.documents.previewHelp')}
          </Text>
        </Stack>
        {unknown.length > 0 && (
          <Alert color="orange" variant="light" data-testid="unknown-fields">
            {t('templates.documents.unknownFields', { count: unknown.length, fields: unknown.map(placeholder).join(', ') })}
          </Alert>
        )}
        <Paper withBorder radius="sm" p="lg" className="document-preview" data-testid="document-preview">
          <Text fw={700} size="lg" mb="md">
            {title.trim()}
          </Text>
          <Text className="document-preview-body">{parts}</Text>
        </Paper>
      </Stack>
    </Card>
  );
}
