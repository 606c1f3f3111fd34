import { Badge, Button, Card, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { threadKey, threadsKey, type Thread, type ThreadSummary } from '../../api/exchanges';
import { useIdempotencyKey } from '../../api/idempotency';
import { can, useActiveSession } from '../../api/session';
import { Section } from '../../components/Facts';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/Notices';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../format';
import { currentLocale } from '../../i18n/setup';

/** "Échanges de l'équipe" on the person's record: threads with unread counts; one opens in place with its read receipts. */
export function PersonThreadsSection({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const session = useActiveSession();
  const [openId, setOpenId] = useState<string | null>(null);
  const threads = useQuery({ queryKey: threadsKey(personId), queryFn: () => api.get<ThreadSummary[]>(`/api/v1/people/${personId}/threads`) });
  const mayWrite = can(session, 'journal:write');
  return (
    <Section id="person-threads" title={t('escalations.threads.title')} description={t('escalations.threads.help')}>
      {threads.isPending ? (
        <Loading />
      ) : threads.isError ? (
        <ProblemAlert error={threads.error} />
      ) : threads.data.length === 0 ? (
        <Text c="dimmed">{t('escalations.threads.none')}</Text>
      ) : (
        <ul className="plain-list">
          {threads.data.map((thread) => (
            <li key={thread.id} data-testid="thread">
              <Stack gap={4} py="xs">
                <Group gap="xs">
                  <Button variant="subtle" px={0} aria-expanded={openId === thread.id} onClick={() => setOpenId(openId === thread.id ? null : thread.id)}>
                    {openId === thread.id ? t('escalations.threads.hide') : t('escalations.threads.open', { subject: thread.subject })}
                  </Button>
                  {thread.unreadCount > 0 && (
                    <Badge color="relais" variant="filled" tt="none" data-testid="unread">
                      {t('escalations.threads.unread', { count: thread.unreadCount })}
                    </Badge>
                  )}
                </Group>
                <Text size="sm" c="dimmed">
                  {t('escalations.threads.messages', { count: thread.messageCount })} · {t('escalations.threads.lastMessage', { when: formatDateTime(thread.lastMessageAt, locale) })}
                </Text>
                {openId === thread.id && <ThreadView threadId={thread.id} personId={personId} mayWrite={mayWrite} />}
              </Stack>
            </li>
          ))}
        </ul>
      )}
      {mayWrite && <NewThread personId={personId} onCreated={setOpenId} />}
    </Section>
  );
}

function ThreadView({ threadId, personId, mayWrite }: { threadId: string; personId: string; mayWrite: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const client = useQueryClient();
  const notify = useNotify();
  const idempotency = useIdempotencyKey();
  const thread = useQuery({
    queryKey: threadKey(threadId),
    // Reading marks the messages read: the list's unread count follows.
    queryFn: async () => {
      const read = await api.get<Thread>(`/api/v1/threads/${threadId}`);
      void client.invalidateQueries({ queryKey: threadsKey(personId) });
      return read;
    },
  });
  const form = useForm({ initialValues: { body: '' }, validate: { body: (v) => (v.trim() ? null : t('validation.required')) } });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const send = useMutation({
    mutationFn: (body: string) => {
      const payload = { body: body.trim() };
      return api.postIdempotent<{ id: string }>(`/api/v1/threads/${threadId}/messages`, payload, idempotency.keyFor(payload));
    },
    onSuccess: async () => {
      idempotency.done();
      form.reset();
      notify(t('escalations.threads.sent'));
      await client.invalidateQueries({ queryKey: threadKey(threadId) });
    },
    onError: onServerError,
  });
  if (thread.isPending) return <Loading />;
  if (thread.isError) return <ProblemAlert error={thread.error} />;
  return (
    <Card withBorder radius="md" padding="md" bg="gray.0">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {thread.data.subject}
        </Title>
        <ol className="plain-list" data-testid="thread-messages">
          {thread.data.messages.map((m) => (
            <li key={m.id}>
              <Stack gap={2} py="xs">
                <Text size="sm" fw={600}>
                  {t('escalations.threads.wrote', { name: m.author.name, when: formatDateTime(m.createdAt, locale) })}
                </Text>
                <Text style={{ whiteSpace: 'pre-wrap' }}>{m.body}</Text>
                <Text size="xs" c="dark.6" data-testid="read-receipts">
                  {m.readBy.length === 0
                    ? t('escalations.threads.notRead')
                    : t('escalations.threads.readBy', { names: m.readBy.map((r) => t('escalations.threads.readByOne', { name: r.name, when: formatDateTime(r.readAt, locale) })).join(', ') })}
                </Text>
              </Stack>
            </li>
          ))}
        </ol>
        {mayWrite && (
          <form ref={formRef} noValidate onSubmit={form.onSubmit((v) => send.mutate(v.body), () => focusFirstInvalid(formRef.current))}>
            <Stack gap="xs">
              <ProblemAlert error={send.error} boundFields={boundFields} />
              <Textarea label={t('escalations.threads.reply')} required autosize minRows={2} maxLength={8000} {...form.getInputProps('body')} />
              <Button type="submit" loading={send.isPending} w="fit-content">
                {t('escalations.threads.send')}
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}

function NewThread({ personId, onCreated }: { personId: string; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const idempotency = useIdempotencyKey();
  const form = useForm({
    initialValues: { subject: '', message: '' },
    validate: { subject: (v) => (v.trim() ? null : t('validation.required')), message: (v) => (v.trim() ? null : t('validation.required')) },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const create = useMutation({
    mutationFn: (v: { subject: string; message: string }) => {
      const payload = { subject: v.subject.trim(), message: v.message.trim() };
      return api.postIdempotent<{ id: string }>(`/api/v1/people/${personId}/threads`, payload, idempotency.keyFor(payload));
    },
    onSuccess: async (created) => {
      idempotency.done();
      form.reset();
      notify(t('escalations.threads.created'));
      await client.invalidateQueries({ queryKey: threadsKey(personId) });
      onCreated(created.id);
    },
    onError: onServerError,
  });
  return (
    <form ref={formRef} noValidate onSubmit={form.onSubmit((v) => create.mutate(v), () => focusFirstInvalid(formRef.current))} aria-labelledby="new-thread-title">
      <Stack gap="xs" mt="md">
        <Title order={3} size="h4" id="new-thread-title">
          {t('escalations.threads.new')}
        </Title>
        <ProblemAlert error={create.error} boundFields={boundFields} />
        <TextInput label={t('escalations.threads.subject')} required maxLength={200} {...form.getInputProps('subject')} />
        <Textarea label={t('escalations.threads.message')} required autosize minRows={3} maxLength={8000} {...form.getInputProps('message')} />
        <Button type="submit" variant="default" loading={create.isPending} w="fit-content">
          {t('escalations.threads.create')}
        </Button>
      </Stack>
    </form>
  );
}
