import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { assessmentTemplatesKey, useAssessmentTemplates, type AssessmentTemplate } from '../../api/plan-assessments';
import { contractKinds } from '../../api/plans';
import { archiveAssessmentTemplate, useDocumentTemplates } from '../../api/templates';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../format';
import { currentLocale } from '../../i18n/setup';

/**
 * The structure's templates: the assessment templates (the default first), and the contract of stay
 * and DIPC texts. Only the coordination comes here (services:manage); everyone uses the templates
 * from a person's episode.
 */
export function TemplatesPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <PageHeading documentTitle={t('templates.title')}>{t('templates.title')}</PageHeading>
        <Text c="dimmed">{t('templates.intro')}</Text>
      </Stack>
      <AssessmentTemplatesCard />
      <DocumentTemplatesCard />
    </Stack>
  );
}

function AssessmentTemplatesCard() {
  const { t } = useTranslation();
  const templates = useAssessmentTemplates();
  const [archiving, setArchiving] = useState<AssessmentTemplate | null>(null);
  const createLink = useRef<HTMLAnchorElement>(null);
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="assessment-templates">
      <Stack gap="md">
        <Group justify="space-between" align="flex-end">
          <Stack gap={4}>
            <Title order={2} size="h3" id="assessment-templates">
              {t('templates.assessments.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('templates.assessments.help')}
            </Text>
          </Stack>
          <Button component={Link} to="/modeles/diagnostics/nouveau" ref={createLink}>
            {t('templates.assessments.create')}
          </Button>
        </Group>
        {templates.isPending ? (
          <Loading />
        ) : templates.isError ? (
          <ProblemAlert error={templates.error} />
        ) : templates.data.length === 0 ? (
          <Text>{t('templates.assessments.empty')}</Text>
        ) : (
          <AssessmentTemplatesTable templates={templates.data} onArchive={setArchiving} />
        )}
        <Text size="sm" c="dimmed">
          {t('templates.assessments.archivedNote')}
        </Text>
      </Stack>
      {archiving && (
        <ArchiveTemplateDialog
          template={archiving}
          onClose={() => {
            setArchiving(null);
            // An archived row leaves the list, and with it the button that had the focus.
            window.setTimeout(() => {
              if (!document.activeElement || document.activeElement === document.body) createLink.current?.focus();
            }, 60);
          }}
        />
      )}
    </Card>
  );
}

function AssessmentTemplatesTable({ templates, onArchive }: { templates: AssessmentTemplate[]; onArchive: (template: AssessmentTemplate) => void }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table verticalSpacing="sm" aria-label={t('templates.assessments.tableLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('templates.assessments.template')}</Table.Th>
            <Table.Th scope="col">{t('templates.assessments.content')}</Table.Th>
            <Table.Th scope="col" className="table-cell-actions">
              {t('common.actions')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {templates.map((template) => {
            const questions = template.sections.reduce((sum, s) => sum + s.questions.length, 0);
            return (
              <Table.Tr key={template.id} data-testid="assessment-template-row">
                <Table.Td>
                  <Anchor component={Link} to={`/modeles/diagnostics/${template.id}`} fw={600}>
                    {template.name}
                  </Anchor>
                  {template.isDefault && (
                    <Stack gap={4} mt={4} align="flex-start">
                      <Badge variant="light" color="relais" size="md" tt="none">
                        {t('templates.assessments.defaultBadge')}
                      </Badge>
                      <Text size="sm" c="dimmed">
                        {t('templates.assessments.defaultHelp')}
                      </Text>
                    </Stack>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {t('templates.assessments.sections', { count: template.sections.length })} · {t('templates.assessments.questions', { count: questions })}
                  </Text>
                </Table.Td>
                <Table.Td className="table-cell-actions">
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    <Button component={Link} to={`/modeles/diagnostics/${template.id}`} size="sm" variant="default" aria-label={t('templates.assessments.editFor', { name: template.name })}>
                      {t('common.edit')}
                    </Button>
                    <Button component={Link} to={`/modeles/diagnostics/nouveau?depuis=${template.id}`} size="sm" variant="default" aria-label={t('templates.assessments.duplicateFor', { name: template.name })}>
                      {t('templates.assessments.duplicate')}
                    </Button>
                    {/* The default stays: archived, it would not come back (the API lists no archived template). */}
                    {!template.isDefault && (
                      <Button size="sm" variant="default" onClick={() => onArchive(template)} aria-label={t('templates.assessments.archiveFor', { name: template.name })}>
                        {t('templates.assessments.archive')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ArchiveTemplateDialog({ template, onClose }: { template: AssessmentTemplate; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const name = template.name;
  const archive = useMutation({
    mutationFn: () => archiveAssessmentTemplate(template.id),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: assessmentTemplatesKey });
      notify(t('templates.assessments.archived', { name }));
      onClose();
    },
  });
  return (
    <ConfirmDialog
      opened
      title={t('templates.assessments.archiveTitle', { name })}
      confirmLabel={t('templates.assessments.archiveButton')}
      danger
      pending={archive.isPending}
      error={archive.error}
      onConfirm={() => archive.mutate()}
      onClose={() => {
        archive.reset();
        onClose();
      }}
    >
      {t('templates.assessments.archiveText', { name })}
    </ConfirmDialog>
  );
}

function DocumentTemplatesCard() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const documents = useDocumentTemplates();
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="document-templates">
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={2} size="h3" id="document-templates">
            {t('templates.documents.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('templates.documents.help')}
          </Text>
        </Stack>
        {documents.isPending ? (
          <Loading />
        ) : documents.isError ? (
          <ProblemAlert error={documents.error} />
        ) : (
          <ul className="plain-list">
            {contractKinds.map((kind) => {
              const document = documents.data.find((d) => d.kind === kind);
              const name = t(`templates.documents.kinds.${kind}`);
              return (
                <Card component="li" key={kind} withBorder radius="md" padding="md" data-testid="document-template-row">
                  <Group justify="space-between" align="center" gap="sm" wrap="nowrap">
                    <Stack gap={2} miw={0}>
                      <Text fw={600}>{name}</Text>
                      {document && (
                        <Text size="sm" c="dimmed">
                          {/* The title is said when the structure changed it from the kind's name. */}
                          {document.title !== name && <>«&nbsp;{document.title}&nbsp;» · </>}
                          {t('templates.documents.updatedOn', { date: formatDateTime(document.updatedAt, locale) })}
                        </Text>
                      )}
                    </Stack>
                    <Button component={Link} to={`/modeles/documents/${kind}`} size="sm" variant="default" aria-label={t('templates.documents.editFor', { name })}>
                      {t('common.edit')}
                    </Button>
                  </Group>
                </Card>
              );
            })}
          </ul>
        )}
      </Stack>
    </Card>
  );
}
