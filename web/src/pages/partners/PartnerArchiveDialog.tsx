import { useTranslation } from 'react-i18next';
import { partnersKey } from '../../api/partners';
import type { Partner } from '../../api/types';
import { ArchiveDialog } from '../../components/ArchiveDialog';

/** Archiving a partner structure takes it out of the lists; its referrals and history stay. */
export function PartnerArchiveDialog({ partner, onClose }: { partner: Partner; onClose: () => void }) {
  const { t } = useTranslation();
  const name = partner.name;
  const restoring = partner.archivedAt !== null;
  const texts = restoring
    ? { title: t('partners.restoreTitle', { name }), text: t('partners.restoreText', { name }), button: t('partners.restoreButton'), done: t('partners.restored', { name }) }
    : { title: t('partners.archiveTitle', { name }), text: t('partners.archiveText', { name }), button: t('partners.archiveButton'), done: t('partners.archived', { name }) };
  return <ArchiveDialog path={`/api/v1/partners/${partner.id}`} restoring={restoring} queryKey={partnersKey} texts={texts} onClose={onClose} />;
}
