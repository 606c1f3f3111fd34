import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { ConfirmDialog } from './ConfirmDialog';
import { useNotify } from './Notices';

export interface ArchiveTexts {
  title: string;
  text: string;
  button: string;
  done: string;
}

/**
 * Archives a row kept for history (a service, a partner structure) or restores it, after asking:
 * POST `${path}/archive` or `${path}/restore`, then the lists under `queryKey` are read again.
 */
export function ArchiveDialog({ path, restoring, queryKey, texts, onClose }: { path: string; restoring: boolean; queryKey: readonly unknown[]; texts: ArchiveTexts; onClose: () => void }) {
  const client = useQueryClient();
  const notify = useNotify();
  const action = useMutation({
    mutationFn: () => api.post(`${path}/${restoring ? 'restore' : 'archive'}`),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey });
      notify(texts.done);
      onClose();
    },
  });
  return (
    <ConfirmDialog
      opened
      title={texts.title}
      confirmLabel={texts.button}
      danger={!restoring}
      pending={action.isPending}
      error={action.error}
      onConfirm={() => action.mutate()}
      onClose={() => {
        action.reset();
        onClose();
      }}
    >
      {texts.text}
    </ConfirmDialog>
  );
}
