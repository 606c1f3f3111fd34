import { Button, Checkbox, createTheme, Modal, NativeSelect, PasswordInput, Radio, Select, Textarea, TextInput, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

// A calm petrol blue. Shade 7 (the primary) gives 6.7:1 against white, so white text on buttons
// and blue text on white both pass WCAG AA.
const relais: MantineColorsTuple = ['#e7f2f7', '#cfe4ee', '#a2cadd', '#71aecb', '#4b97bb', '#3487b0', '#2b7aa1', '#1d6282', '#165470', '#0d445c'];

// Touch targets of at least 42 px: the app is used on tablets.
export const theme = createTheme({
  primaryColor: 'relais',
  primaryShade: 7,
  colors: { relais },
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '650' },
  focusRing: 'auto',
  components: {
    Button: Button.extend({ defaultProps: { size: 'md' } }),
    TextInput: TextInput.extend({ defaultProps: { size: 'md' } }),
    Textarea: Textarea.extend({ defaultProps: { size: 'md' } }),
    PasswordInput: PasswordInput.extend({ defaultProps: { size: 'md' } }),
    Select: Select.extend({ defaultProps: { size: 'md' } }),
    NativeSelect: NativeSelect.extend({ defaultProps: { size: 'md' } }),
    Checkbox: Checkbox.extend({ defaultProps: { size: 'md' } }),
    Radio: Radio.extend({ defaultProps: { size: 'md' } }),
    RadioGroup: Radio.Group.extend({ defaultProps: { size: 'md' } }),
    CheckboxGroup: Checkbox.Group.extend({ defaultProps: { size: 'md' } }),
    Modal: Modal.extend({ styles: { title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } } }),
  },
});

// Mantine's default greys and light variants are a little pale for small text; these pass 4.5:1.
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-anchor': 'var(--mantine-color-relais-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
    // Text on light (tinted) backgrounds: alerts, badges. Darker than Mantine's so it reads at 4.5:1 or more.
    '--mantine-color-relais-light-color': 'var(--mantine-color-relais-9)',
    '--mantine-color-red-light-color': '#a51d1d',
    '--mantine-color-green-light-color': '#1f6b30',
    '--mantine-color-gray-light-color': 'var(--mantine-color-gray-8)',
    '--mantine-color-orange-light-color': '#9c3a08',
  },
  dark: {},
});
