import '@mantine/core/styles.css';
import './styles.css';
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setNonce } from 'get-nonce';
import { queryClient } from './api/query-client';
import { App } from './App';
import { NoticeProvider } from './components/Notices';
import { setUpI18n } from './i18n/setup';
import { cssVariablesResolver, theme } from './theme';

// The server puts a per-response nonce in a meta tag; Mantine stamps it on the <style> elements it
// adds, which the Content-Security-Policy then allows (it allows no other inline style or script).
const nonce = document.querySelector('meta[name=csp-nonce]')?.getAttribute('content') ?? '';
const styleNonce = () => nonce;
// Modals lock the page's scroll with a <style> element of their own (react-remove-scroll): same nonce.
setNonce(nonce);

async function start() {
  await setUpI18n();
  const container = document.getElementById('root');
  if (!container) throw new Error('#root is missing from index.html');
  createRoot(container).render(
    <StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} forceColorScheme="light" getStyleNonce={styleNonce}>
        <QueryClientProvider client={queryClient}>
          <NoticeProvider>
            <App />
          </NoticeProvider>
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  );
}

void start();
