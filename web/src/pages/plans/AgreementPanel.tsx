import { Alert, Button, Card, Checkbox, Group, Modal, NativeSelect, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useRelatives, type Agreement, type AgreementInput, type AgreementParty } from '../../api/plans';
import { useActiveSession } from '../../api/session';
import type { Relative } from '../../api/types';
import { focusFirstInvalid, useServerErrors } from '../../components/form-errors';
import { useNotify } from '../../components/Notices';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RadioFieldset } from '../../components/RadioFieldset';
import { SignaturePad } from '../../components/SignaturePad';
import { formatDate, fullName, organizationToday } from '../../format';
import { currentLocale } from '../../i18n/setup';
import type { EpisodeView } from './EpisodePage';
import { quote } from './plan-view';

/** What is being agreed to: a plan version or a contract version, as shown on the page. */
export interface AgreementSubject {
  /** Unique on the page, for ids: the version's id. */
  id: string;
  /** In titles: "le projet personnalisé, version 3". */
  name: string;
  /** The hash of the version displayed: the server refuses a signature if the version changed since. */
  contentHash: string;
  agreements: Agreement[];
  /** Agreement is still being gathered (a proposed plan version, a contract not yet signed). */
  open: boolean;
}

/**
 * The agreement step, shared by the plan and the contract: the person (or their legal
 * representative) and the référent each sign, on the tablet or orally / on paper, or the person's
 * refusal to sign is recorded with what they said. Each agreement is bound to the exact version shown.
 * The référent signs only from their own account: anyone else is told so.
 */
export function AgreementPanel({
  episode,
  subject,
  canWrite,
  record,
  onRecorded,
  onStale,
}: {
  episode: EpisodeView;
  subject: AgreementSubject;
  canWrite: boolean;
  /** Sends one party's agreement; says whether both sides have now spoken. */
  record: (input: AgreementInput) => Promise<{ complete: boolean }>;
  onRecorded: (complete: boolean) => Promise<void>;
  /** The version changed since it was displayed: read it again. */
  onStale: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const relatives = useRelatives(episode.personId);
  const [party, setParty] = useState<AgreementParty | null>(null);
  const legalRepresentatives = (relatives.data ?? []).filter((r) => r.isLegalRepresentative);
  const isReferent = session.staffMember.id === episode.referentId;
  const titleId = `agreement-${subject.id}`;
  const recorded = (p: AgreementParty) => subject.agreements.find((a) => a.party === p) ?? null;

  const action = (p: AgreementParty) => {
    if (!subject.open) return <Text c="dimmed">{t('plans.agreement.notRecorded')}</Text>;
    if (!canWrite) return <Text c="dimmed">{t('plans.agreement.awaiting')}</Text>;
    switch (p) {
      case 'person':
        return (
          <Button onClick={() => setParty('person')} w="fit-content">
            {t('plans.agreement.collectPerson', { name: episode.personName })}
          </Button>
        );
      case 'legal_representative':
        return relatives.isError ? (
          <ProblemAlert error={relatives.error} />
        ) : legalRepresentatives.length > 0 ? (
          <Button variant="default" onClick={() => setParty('legal_representative')} w="fit-content">
            {t('plans.agreement.collectRepresentative')}
          </Button>
        ) : (
          <Text size="sm" c="dimmed">
            {relatives.isPending ? t('common.loading') : t('plans.agreement.noRepresentative')}
          </Text>
        );
      case 'referent':
        return isReferent ? (
          <Button onClick={() => setParty('referent')} w="fit-content">
            {t('plans.agreement.signAsReferent')}
          </Button>
        ) : (
          <Alert color="relais" variant="light" role="note" p="sm">
            {t('plans.agreement.onlyReferent', { name: episode.referentName })}
          </Alert>
        );
    }
  };

  const partyTitle = (p: AgreementParty) => {
    switch (p) {
      case 'person':
        return t('plans.agreement.partyPerson', { name: episode.personName });
      case 'legal_representative':
        return t('plans.agreement.partyRepresentative');
      case 'referent':
        return t('plans.agreement.partyReferent', { name: episode.referentName });
    }
  };

  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={titleId} data-testid="agreement-panel" className="agreement-panel">
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={3} size="h4" id={titleId} tabIndex={-1} className="agreement-title">
            {t('plans.agreement.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {subject.open ? t('plans.agreement.help') : t('plans.agreement.closedHelp')}
          </Text>
        </Stack>
        <ul className="plain-list">
          {(['person', 'legal_representative', 'referent'] as const).map((p) => {
            const done = recorded(p);
            // Once agreed, a legal representative who did not take part is not mentioned.
            if (!done && !subject.open && p === 'legal_representative') return null;
            return (
              <li key={p} className="agreement-party" data-testid={`party-${p}`}>
                <Stack gap={6}>
                  <Text fw={650}>{partyTitle(p)}</Text>
                  {done ? <RecordedAgreement agreement={done} /> : action(p)}
                </Stack>
              </li>
            );
          })}
        </ul>
      </Stack>
      {party && (
        <AgreementDialog
          key={party}
          party={party}
          episode={episode}
          subject={subject}
          legalRepresentatives={legalRepresentatives}
          record={record}
          onClose={() => setParty(null)}
          onRecorded={onRecorded}
          onStale={async () => {
            setParty(null);
            await onStale();
          }}
        />
      )}
    </Card>
  );
}

function RecordedAgreement({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const values = { name: agreement.signerName, party: t(`plans.agreement.parties.${agreement.party}`), date: formatDate(agreement.signedOn, currentLocale()) };
  if (agreement.outcome === 'signed') {
    return (
      <Text>
        <Text span inherit c="green.9" fw={650}>
          {'✓ '}
        </Text>
        {t('plans.agreement.signedLine', values)}
        {agreement.drawnSignature ? ` ${t('plans.agreement.drawn')}` : ''}
      </Text>
    );
  }
  return (
    <Text>
      {t('plans.agreement.refusedLine', values)}
      {agreement.refusalNote && (
        <Text span inherit className="keep-lines">
          {' '}
          {quote(agreement.refusalNote, t)}
        </Text>
      )}
    </Text>
  );
}

interface AgreementValues extends Record<string, unknown> {
  outcome: 'signed' | 'refused' | '';
  relativeId: string;
  refusalNote: string;
  signedOn: string;
  /** The person agreed orally or signs on paper: the drawing is then not needed. */
  withoutDrawing: boolean;
}

/** Largest signature image the server keeps (a PNG data URL). */
const maxSignatureLength = 400_000;

function AgreementDialog({
  party,
  episode,
  subject,
  legalRepresentatives,
  record,
  onClose,
  onRecorded,
  onStale,
}: {
  party: AgreementParty;
  episode: EpisodeView;
  subject: AgreementSubject;
  legalRepresentatives: Relative[];
  record: (input: AgreementInput) => Promise<{ complete: boolean }>;
  onClose: () => void;
  onRecorded: (complete: boolean) => Promise<void>;
  onStale: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const today = organizationToday();
  const [signature, setSignature] = useState<string | null>(null);
  const form = useForm<AgreementValues>({
    initialValues: {
      outcome: party === 'referent' ? 'signed' : '',
      relativeId: legalRepresentatives.length === 1 ? legalRepresentatives[0]!.id : '',
      refusalNote: '',
      signedOn: today,
      withoutDrawing: false,
    },
    validate: (values) => {
      const errors: Record<string, string> = {};
      if (!values.outcome) errors.outcome = t('plans.agreement.outcomeRequired');
      if (party === 'legal_representative' && !values.relativeId) errors.relativeId = t('plans.agreement.representativeRequired');
      if (values.outcome === 'signed' && !signature && !values.withoutDrawing) errors.withoutDrawing = t('plans.agreement.signatureRequired');
      if (values.outcome === 'signed' && signature && signature.length > maxSignatureLength) errors.withoutDrawing = t('plans.agreement.signatureTooLarge');
      if (values.outcome === 'refused' && !values.refusalNote.trim()) errors.refusalNote = t('plans.agreement.refusalNoteRequired');
      if (!values.signedOn) errors.signedOn = t('plans.agreement.dateRequired');
      else if (values.signedOn > today) errors.signedOn = t('plans.agreement.dateInFuture');
      return errors;
    },
  });
  const { formRef, boundFields, onServerError } = useServerErrors(form);
  const [stale, setStale] = useState(false);
  const representative = legalRepresentatives.find((r) => r.id === form.values.relativeId);
  const signerName = party === 'person' ? episode.personName : party === 'referent' ? episode.referentName : representative ? fullName(representative) : t('plans.agreement.partyRepresentative');

  const save = useMutation({
    mutationFn: (values: AgreementValues) =>
      record({
        party,
        outcome: values.outcome as 'signed' | 'refused',
        relativeId: party === 'legal_representative' ? values.relativeId : null,
        refusalNote: values.outcome === 'refused' ? values.refusalNote.trim() : null,
        // A drawn signature goes with a signature only; "orally or on paper" sends none.
        signatureImage: values.outcome === 'signed' && !values.withoutDrawing ? signature : null,
        signedOn: values.signedOn,
        contentHash: subject.contentHash,
      }),
    onSuccess: async (result, values) => {
      notify(values.outcome === 'signed' ? t('plans.agreement.signedNotice', { name: signerName }) : t('plans.agreement.refusedNotice', { name: signerName }));
      onClose();
      await onRecorded(result.complete);
    },
    onError: (error) => {
      if (isApiError(error, 'version_changed')) setStale(true);
      else onServerError(error);
    },
  });

  const title =
    party === 'person'
      ? t('plans.agreement.dialogPerson', { name: episode.personName, subject: subject.name })
      : party === 'legal_representative'
        ? t('plans.agreement.dialogRepresentative', { subject: subject.name })
        : t('plans.agreement.dialogReferent', { subject: subject.name });

  return (
    <Modal opened onClose={onClose} title={title} size="lg" centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form ref={formRef} noValidate onSubmit={form.onSubmit((values) => save.mutate(values), () => focusFirstInvalid(formRef.current))} data-testid="agreement-form">
        <Stack gap="md">
          {stale ? (
            <Alert color="red" variant="light" role="alert" title={t('plans.agreement.staleTitle')}>
              <Stack gap="sm">
                <Text inherit>{t('plans.agreement.staleText')}</Text>
                <Button variant="default" w="fit-content" onClick={() => void onStale()}>
                  {t('plans.agreement.reread')}
                </Button>
              </Stack>
            </Alert>
          ) : (
            <ProblemAlert error={save.error} boundFields={boundFields} />
          )}
          <Text size="sm">{party === 'referent' ? t('plans.agreement.referentIntro') : t('plans.agreement.intro')}</Text>
          {party === 'legal_representative' && (
            <NativeSelect
              label={t('plans.agreement.representative')}
              required
              data-autofocus
              data={[{ value: '', label: t('plans.agreement.choose') }, ...legalRepresentatives.map((r) => ({ value: r.id, label: `${fullName(r)} (${t(`circle.relationships.${r.relationship}`)})` }))]}
              {...form.getInputProps('relativeId')}
            />
          )}
          {party !== 'referent' && (
            <RadioFieldset
              legend={t('plans.agreement.outcome', { name: signerName })}
              required
              options={[
                { value: 'signed', label: t('plans.agreement.outcomes.signed') },
                { value: 'refused', label: t('plans.agreement.outcomes.refused') },
              ]}
              cols={2}
              value={form.values.outcome}
              onChange={(value) => form.setFieldValue('outcome', value as AgreementValues['outcome'])}
              error={form.errors.outcome}
              testId="agreement-outcome"
            />
          )}
          {form.values.outcome === 'signed' && (
            <Stack gap="sm">
              <SignaturePad
                label={t('plans.agreement.pad', { name: signerName })}
                description={t('plans.agreement.padHelp')}
                clearLabel={t('plans.agreement.padClear')}
                drawnText={t('plans.agreement.padDrawn')}
                emptyText={t('plans.agreement.padEmpty')}
                onChange={(value) => {
                  setSignature(value);
                  if (value) form.clearFieldError('withoutDrawing');
                }}
              />
              <Checkbox
                label={party === 'referent' ? t('plans.agreement.withoutDrawingReferent') : t('plans.agreement.withoutDrawing', { name: signerName })}
                description={t('plans.agreement.withoutDrawingHelp')}
                {...form.getInputProps('withoutDrawing', { type: 'checkbox' })}
                aria-invalid={form.errors.withoutDrawing ? true : undefined}
              />
            </Stack>
          )}
          {form.values.outcome === 'refused' && (
            <Textarea
              label={t('plans.agreement.refusalNote')}
              description={t('plans.agreement.refusalNoteHelp', { name: signerName })}
              required
              autosize
              minRows={3}
              maxLength={2000}
              {...form.getInputProps('refusalNote')}
            />
          )}
          <TextInput type="date" label={form.values.outcome === 'refused' ? t('plans.agreement.refusedOn') : t('plans.agreement.signedOn')} required max={today} w={{ base: '100%', sm: 260 }} {...form.getInputProps('signedOn')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={stale}>
              {form.values.outcome === 'refused' ? t('plans.agreement.submitRefusal') : t('plans.agreement.submitSignature')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
