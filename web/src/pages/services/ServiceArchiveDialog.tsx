import { useTranslation } from 'react-i18next';
import { servicesKey } from '../../api/services';
import type { Service } from '../../api/types';
import { ArchiveDialog } from '../../components/ArchiveDialog';

/** Archiving a service stops new admissions to it; its episodes and history stay. */
export function ServiceArchiveDialog({ service, onClose }: { service: Service; onClose: () => void }) {
  const { t } = useTranslation();
  const name = service.name;
  const restoring = service.archivedAt !== null;
  const texts = restoring
    ? { title: t('services.restoreTitle', { name }), text: t('services.restoreText', { name }), button: t('services.restoreButton'), done: t('services.restored', { name }) }
    : { title: t('services.archiveTitle', { name }), text: t('services.archiveText', { name }), button: t('services.archiveButton'), done: t('services.archived', { name }) };
  return <ArchiveDialog path={`/api/v1/services/${service.id}`} restoring={restoring} queryKey={servicesKey} texts={texts} onClose={onClose} />;
}
