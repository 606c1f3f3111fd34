import { Title, type TitleProps } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';

let firstPage = true;

/** Sets the browser tab's title for the current page ("Équipe – Relais"). */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} – Relais`;
  }, [title]);
}

/**
 * The page's one h1. After an in-app navigation it takes the focus, so a screen reader announces the
 * new page and keyboard users continue from its top; the first page of a visit keeps the browser's focus.
 */
export function PageHeading({ children, documentTitle, ...props }: { children: ReactNode; documentTitle: string } & Omit<TitleProps, 'order'>) {
  const ref = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(documentTitle);
  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <Title order={1} ref={ref} tabIndex={-1} className="page-heading" {...props}>
      {children}
    </Title>
  );
}
