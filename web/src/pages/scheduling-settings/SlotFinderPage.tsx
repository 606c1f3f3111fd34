import { Button, Card, NativeSelect, NumberInput, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCatalogue } from '../../api/catalogue';
import { api } from '../../api/client';
import { episodesKey, useStaffDirectory, type Episode } from '../../api/episodes';
import { usePartners } from '../../api/partners';
import { searchSlots, slotOrders, useResources, useSectors, useSites, type SlotOrder, type SlotSearch, type SlotSearchResult } from '../../api/scheduling-settings';
import { useServices } from '../../api/services';
import { useActiveSession } from '../../api/session';
import { modalities, type Modality, type Person } from '../../api/types';
import { focusFirstInvalid } from '../../components/form-errors';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RadioFieldset } from '../../components/RadioFieldset';
import { listName, organizationToday } from '../../format';
import { PersonPicker, type PickedPerson } from '../scheduling/PersonPicker';
import { zonedToIso } from '../scheduling/zoned-time';
import { addDays } from './scheduling-words';
import { SlotResults, type BookingContext } from './SlotResults';
import { maxStaffNeeds, newStaffNeed, StaffNeedsFieldset, type StaffNeedValues } from './StaffNeedsFieldset';
import './scheduling-settings.css';

interface FinderValues extends Record<string, unknown> {
  serviceId: string;
  episodeId: string;
  staff: StaffNeedValues[];
  resourceId: string;
  modality: Modality | '';
  siteId: string;
  partnerId: string;
  sectorId: string;
  homeAddress: string;
  videoLink: string;
  durationMinutes: number | string;
  from: string;
  to: string;
  order: SlotOrder;
}

/** The default horizon: four weeks from today. */
const horizonDays = 28;

/**
 * "Trouver un créneau": given a service, the person (and their episode), the staff needed, a room
 * or equipment, a modality and a horizon, the server proposes feasible slots (earliest first or
 * spread out), or says in plain words why there are none. Each slot books in one tap.
 * Linkable: /agenda/creneaux?personId=…&episodeId=… opens it for that person and episode.
 */
export function SlotFinderPage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const timeZone = session.organization.timeZone;
  const [params, setParams] = useSearchParams();
  const personId = params.get('personId') ?? '';
  const episodeParam = params.get('episodeId') ?? '';
  const [picked, setPicked] = useState<PickedPerson | null>(null);
  const services = useServices(false);
  const directory = useStaffDirectory();
  const catalogue = useCatalogue();
  const resources = useResources();
  const sites = useSites();
  const sectors = useSectors();
  const partners = usePartners(false);
  const person = useQuery({ queryKey: ['person', personId], queryFn: () => api.get<Person>(`/api/v1/people/${personId}`), enabled: personId !== '' && picked?.id !== personId });
  const episodes = useQuery({ queryKey: episodesKey(personId), queryFn: () => api.get<Episode[]>(`/api/v1/people/${personId}/episodes`), enabled: personId !== '' });
  const currentEpisodes = personId ? (episodes.data ?? []).filter((e) => !e.endedOn) : [];
  const today = organizationToday();
  const form = useForm<FinderValues>({
    initialValues: {
      serviceId: '',
      episodeId: '',
      staff: [newStaffNeed(session.staffMember.id)],
      resourceId: '',
      modality: '',
      siteId: '',
      partnerId: '',
      sectorId: '',
      homeAddress: '',
      videoLink: '',
      durationMinutes: '',
      from: today,
      to: addDays(today, horizonDays),
      order: 'earliest',
    },
    validate: {
      serviceId: (v) => (v ? null : t('schedulingSettings.finder.chooseServiceError')),
      modality: (v) => (v ? null : t('schedulingSettings.finder.chooseModalityError')),
      partnerId: (v, values) => (values.modality === 'partner_site' && !v ? t('schedulingSettings.finder.choosePartnerError') : null),
      homeAddress: (v, values) => (values.modality === 'home' && !v.trim() ? t('schedulingSettings.finder.homeAddressError') : null),
      videoLink: (v, values) => (values.modality === 'video' && v.trim() && !/^https:\/\/\S+$/.test(v.trim()) ? t('schedulingSettings.finder.videoLinkError') : null),
      durationMinutes: (v, values) => {
        const max = services.data?.find((s) => s.id === values.serviceId)?.maxDurationMinutes ?? 1440;
        return v === '' || !Number.isInteger(Number(v)) || Number(v) < 5 || Number(v) > max ? t('schedulingSettings.finder.durationError', { max }) : null;
      },
      from: (v) => (v ? null : t('validation.required')),
      to: (v, values) => (!v ? t('validation.required') : v < values.from ? t('schedulingSettings.finder.toBeforeFrom') : v > addDays(values.from, 92) ? t('schedulingSettings.finder.horizonTooLong') : null),
      staff: {
        staffId: (v, values, path) => {
          const need = values.staff[Number(path.split('.')[1])];
          return need?.mode === 'staff' && !v ? t('schedulingSettings.finder.chooseColleagueError') : null;
        },
        disciplineId: (v, values, path) => {
          const need = values.staff[Number(path.split('.')[1])];
          return need?.mode === 'discipline' && !v ? t('schedulingSettings.finder.chooseDisciplineError') : null;
        },
      },
    },
  });
  const formRef = useRef<HTMLFormElement>(null);
  const [personError, setPersonError] = useState<string | null>(null);
  const [context, setContext] = useState<BookingContext | null>(null);
  const search = useMutation({ mutationFn: (body: SlotSearch) => searchSlots(body) });
  const [result, setResult] = useState<SlotSearchResult | null>(null);

  const service = services.data?.find((s) => s.id === form.values.serviceId);
  const allowedModalities = service ? modalities.filter((m) => service.modalities.includes(m)) : modalities;

  const chooseService = (serviceId: string) => {
    const chosen = services.data?.find((s) => s.id === serviceId);
    form.setFieldValue('serviceId', serviceId);
    if (!chosen) return;
    form.setFieldValue('durationMinutes', chosen.defaultDurationMinutes);
    if (!chosen.modalities.includes(form.values.modality as Modality)) form.setFieldValue('modality', chosen.modalities[0] ?? '');
  };
  const chooseEpisode = (episodeId: string) => {
    form.setFieldValue('episodeId', episodeId);
    const episode = currentEpisodes.find((e) => e.id === episodeId);
    if (!episode) return;
    chooseService(episode.serviceId);
    // The référent is who the person usually sees: proposed first, changeable.
    const first = form.values.staff[0];
    if (form.values.staff.length === 1 && first?.mode === 'staff') form.setFieldValue('staff.0.staffId', episode.referentId);
  };

  // A link with ?episodeId= (or a person with a single current episode) opens on that episode.
  const settled = useRef('');
  useEffect(() => {
    if (!personId || !episodes.data || !services.data || settled.current === personId) return;
    settled.current = personId;
    const open = episodes.data.filter((e) => !e.endedOn);
    const wanted = open.find((e) => e.id === episodeParam) ?? (open.length === 1 ? open[0] : undefined);
    if (wanted) chooseEpisode(wanted.id);
    // chooseEpisode reads the loaded lists; running it once per person is the point.
  }, [personId, episodes.data, services.data]);

  // The home address defaults to the person's own, as the record has it.
  useEffect(() => {
    if (person.data?.address && !form.values.homeAddress) form.setFieldValue('homeAddress', person.data.address);
  }, [person.data]);

  const personValue: PickedPerson | null = !personId ? null : picked?.id === personId ? picked : person.data ? { id: personId, label: listName(person.data) } : { id: personId, label: t('common.loading') };
  const choosePerson = (next: PickedPerson | null) => {
    setPicked(next);
    setPersonError(null);
    settled.current = '';
    form.setFieldValue('episodeId', '');
    setParams(next ? { personId: next.id } : {}, { replace: true });
  };

  const submit = (values: FinderValues) => {
    if (!personId) {
      setPersonError(t('schedulingSettings.finder.choosePersonError'));
      focusFirstInvalid(formRef.current);
      return;
    }
    const modality = values.modality as Modality;
    const body: SlotSearch = {
      serviceId: values.serviceId,
      personId,
      modality,
      durationMinutes: Number(values.durationMinutes),
      staff: values.staff.map((need) => (need.mode === 'staff' ? { staffId: need.staffId } : { disciplineId: need.disciplineId })),
      // The whole of the last day is searched: up to the midnight after it, in the structure's time.
      from: zonedToIso(values.from, '00:00', timeZone),
      to: zonedToIso(addDays(values.to, 1), '00:00', timeZone),
      order: values.order,
      limit: 12,
    };
    if (values.episodeId) body.episodeId = values.episodeId;
    if (values.resourceId) body.resourceId = values.resourceId;
    if (modality === 'partner_site') body.partnerId = values.partnerId;
    if (modality === 'home' && values.sectorId) body.sectorId = values.sectorId;
    setResult(null);
    setContext({
      serviceId: values.serviceId,
      personId,
      episodeId: values.episodeId || null,
      modality,
      siteId: modality === 'on_site' ? values.siteId || (resources.data?.find((r) => r.id === values.resourceId)?.siteId ?? null) : null,
      partnerId: modality === 'partner_site' ? values.partnerId : null,
      homeAddress: modality === 'home' ? values.homeAddress.trim() : null,
      sectorId: modality === 'home' ? values.sectorId || null : null,
      videoLink: modality === 'video' ? values.videoLink.trim() || null : null,
    });
    search.mutate(body, { onSuccess: setResult });
  };

  const lists = [services, directory, catalogue, resources, sites, sectors, partners];
  const failed = lists.find((q) => q.isError);
  if (lists.some((q) => q.isPending)) return <Loading />;
  const activeResources = (resources.data ?? []).filter((r) => !r.archivedAt);
  const activeSites = (sites.data ?? []).filter((s) => !s.archivedAt);
  const staffErrors = Object.fromEntries(form.values.staff.map((_, i) => [i, (form.errors[`staff.${i}.staffId`] ?? form.errors[`staff.${i}.disciplineId`]) as string | undefined]).filter(([, e]) => e)) as Record<number, string>;

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <PageHeading documentTitle={t('schedulingSettings.finder.title')}>{t('schedulingSettings.finder.title')}</PageHeading>
        <Text c="dimmed">{t('schedulingSettings.finder.intro')}</Text>
      </Stack>
      {failed && <ProblemAlert error={failed.error} />}
      <Card withBorder radius="md" padding="lg">
        <form
          ref={formRef}
          noValidate
          onSubmit={form.onSubmit(submit, () => {
            if (!personId) setPersonError(t('schedulingSettings.finder.choosePersonError'));
            focusFirstInvalid(formRef.current);
          })}
        >
          <Stack gap="xl">
            <fieldset className="form-group">
              <legend>
                <Title order={2} size="h4">
                  {t('schedulingSettings.finder.whoFor')}
                </Title>
              </legend>
              <Stack gap="md">
                <PersonPicker label={t('schedulingSettings.finder.person')} required value={person.isError ? null : personValue} onChange={choosePerson} error={personError} />
                {person.isError && <ProblemAlert error={person.error} />}
                {personId && currentEpisodes.length > 0 && (
                  <NativeSelect
                    label={t('schedulingSettings.finder.episode')}
                    description={t('schedulingSettings.finder.episodeHelp')}
                    data={[{ value: '', label: t('schedulingSettings.finder.noEpisode') }, ...currentEpisodes.map((e) => ({ value: e.id, label: t('schedulingSettings.finder.episodeOption', { service: e.serviceName, referent: e.referentName }) }))]}
                    value={form.values.episodeId}
                    onChange={(e) => chooseEpisode(e.currentTarget.value)}
                  />
                )}
                <NativeSelect
                  label={t('schedulingSettings.finder.service')}
                  required
                  data={[{ value: '', label: t('schedulingSettings.finder.chooseService') }, ...(services.data ?? []).map((s) => ({ value: s.id, label: s.name }))]}
                  {...form.getInputProps('serviceId')}
                  onChange={(e) => chooseService(e.currentTarget.value)}
                />
              </Stack>
            </fieldset>

            <StaffNeedsFieldset
              needs={form.values.staff}
              staff={directory.data ?? []}
              disciplines={catalogue.data?.disciplines ?? []}
              errors={staffErrors}
              onChange={(needs) => {
                form.setFieldValue('staff', needs.slice(0, maxStaffNeeds));
                // Rows move when one is removed: their messages would land on the wrong row.
                for (const path of Object.keys(form.errors)) if (path.startsWith('staff.')) form.clearFieldError(path);
              }}
            />

            <fieldset className="form-group">
              <legend>
                <Title order={2} size="h4">
                  {t('schedulingSettings.finder.howWhere')}
                </Title>
              </legend>
              <Stack gap="md">
                <RadioFieldset
                  legend={t('schedulingSettings.finder.modality')}
                  required
                  options={allowedModalities.map((m) => ({ value: m, label: t(`service.modalityNames.${m}`) }))}
                  value={form.values.modality}
                  onChange={(value) => form.setFieldValue('modality', value as Modality)}
                  error={form.errors.modality}
                  cols={{ base: 2, sm: 3 }}
                />
                {form.values.modality === 'on_site' && activeSites.length > 0 && (
                  <NativeSelect label={t('schedulingSettings.finder.site')} description={t('person.optional')} data={[{ value: '', label: t('schedulingSettings.finder.anySite') }, ...activeSites.map((s) => ({ value: s.id, label: s.name }))]} {...form.getInputProps('siteId')} />
                )}
                {form.values.modality === 'partner_site' && (
                  <NativeSelect
                    label={t('schedulingSettings.finder.partner')}
                    description={t('schedulingSettings.finder.partnerHelp')}
                    required
                    data={[{ value: '', label: t('schedulingSettings.finder.choosePartner') }, ...(partners.data ?? []).map((p) => ({ value: p.id, label: p.name }))]}
                    {...form.getInputProps('partnerId')}
                  />
                )}
                {form.values.modality === 'home' && (
                  <SimpleGrid cols={{ base: 1, sm: 2 }} className="fields-align-end">
                    <Textarea label={t('schedulingSettings.finder.homeAddress')} required autosize minRows={2} maxRows={4} maxLength={300} {...form.getInputProps('homeAddress')} />
                    <NativeSelect
                      label={t('schedulingSettings.finder.sector')}
                      description={t('schedulingSettings.finder.sectorHelp')}
                      data={[{ value: '', label: t('schedulingSettings.finder.noSector') }, ...(sectors.data?.sectors ?? []).map((s) => ({ value: s.id, label: s.name }))]}
                      {...form.getInputProps('sectorId')}
                    />
                  </SimpleGrid>
                )}
                {form.values.modality === 'video' && <TextInput type="url" label={t('schedulingSettings.finder.videoLink')} description={t('schedulingSettings.finder.videoLinkHelp')} autoComplete="off" maxLength={500} {...form.getInputProps('videoLink')} />}
                <NativeSelect
                  label={t('schedulingSettings.finder.resource')}
                  description={t('schedulingSettings.finder.resourceHelp')}
                  data={[{ value: '', label: t('schedulingSettings.finder.noResource') }, ...activeResources.map((r) => ({ value: r.id, label: `${r.name} (${t(`schedulingSettings.resources.kinds.${r.kind}`)})` }))]}
                  {...form.getInputProps('resourceId')}
                />
              </Stack>
            </fieldset>

            <fieldset className="form-group">
              <legend>
                <Title order={2} size="h4">
                  {t('schedulingSettings.finder.when')}
                </Title>
              </legend>
              <Stack gap="md">
                <SimpleGrid cols={{ base: 1, sm: 3 }} className="fields-align-end">
                  <NumberInput
                    label={t('schedulingSettings.finder.duration')}
                    description={service ? t('schedulingSettings.finder.durationHelp', { default: service.defaultDurationMinutes, max: service.maxDurationMinutes }) : undefined}
                    required
                    min={5}
                    max={service?.maxDurationMinutes ?? 1440}
                    allowDecimal={false}
                    allowNegative={false}
                    clampBehavior="none"
                    hideControls
                    inputMode="numeric"
                    {...form.getInputProps('durationMinutes')}
                  />
                  <TextInput type="date" label={t('schedulingSettings.finder.from')} required {...form.getInputProps('from')} />
                  <TextInput type="date" label={t('schedulingSettings.finder.to')} required min={form.values.from || undefined} {...form.getInputProps('to')} />
                </SimpleGrid>
                <RadioFieldset
                  legend={t('schedulingSettings.finder.order')}
                  options={slotOrders.map((o) => ({ value: o, label: t(`schedulingSettings.finder.orders.${o}`), description: t(`schedulingSettings.finder.ordersHelp.${o}`) }))}
                  value={form.values.order}
                  onChange={(value) => form.setFieldValue('order', value as SlotOrder)}
                  cols={{ base: 1, sm: 2 }}
                />
              </Stack>
            </fieldset>

            <Button type="submit" size="md" w="fit-content" loading={search.isPending}>
              {t('schedulingSettings.finder.search')}
            </Button>
          </Stack>
        </form>
      </Card>
      {search.isPending && <Loading label={t('schedulingSettings.finder.searching')} />}
      {search.isError && <ProblemAlert error={search.error} />}
      {result && context && <SlotResults result={result} context={context} staff={directory.data ?? []} resources={resources.data ?? []} />}
    </Stack>
  );
}
