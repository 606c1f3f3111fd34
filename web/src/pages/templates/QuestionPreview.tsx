import { Input, Radio, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxFieldset } from '../../components/CheckboxFieldset';
import { RadioFieldset } from '../../components/RadioFieldset';
import { isChoice, scaleBounds, type QuestionValues } from './assessment-template-form';
import './templates.css';

/**
 * The question as whoever fills in a diagnostic will see it, following the fields as they are typed.
 * It can be tried (its answers go nowhere); its legend says it is a preview, so a screen reader does
 * not take its fields for the template's.
 */
export function QuestionPreview({ question }: { question: QuestionValues }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [choice, setChoice] = useState('');
  const [choices, setChoices] = useState<string[]>([]);
  const label = question.label.trim() || t('templates.preview.untitled');
  // An answer is kept as the choice's words: the same words twice are one choice.
  const options = [...new Set(question.options.map((o) => o.label.trim()).filter(Boolean))].map((o) => ({ value: o, label: o }));
  const noOptions = (
    <Text size="sm" fs="italic">
      {t('templates.preview.noOptions')}
    </Text>
  );
  return (
    <fieldset className="form-group template-preview">
      <legend>
        <Text size="sm" fw={650}>
          {t('templates.preview.legend')}
        </Text>
      </legend>
      {question.type === 'text' ? (
        <Textarea label={label} autosize minRows={2} maxRows={6} value={text} onChange={(event) => setText(event.currentTarget.value)} />
      ) : isChoice(question.type) && options.length === 0 ? (
        <Stack gap={4}>
          <Text fw={500}>{label}</Text>
          {noOptions}
        </Stack>
      ) : question.type === 'choice' ? (
        <RadioFieldset legend={label} options={[...options, { value: '', label: t('templates.preview.noAnswer') }]} value={choice} onChange={setChoice} cols={{ base: 1, sm: 2 }} />
      ) : question.type === 'multi_choice' ? (
        <CheckboxFieldset legend={label} options={options} value={choices} onChange={setChoices} />
      ) : (
        <ScalePreview label={label} scale={question.scale} value={choice} onChange={setChoice} />
      )}
    </fieldset>
  );
}

/** A scale's steps side by side, the words of both ends under the first and the last, and "Sans réponse". */
function ScalePreview({ label, scale, value, onChange }: { label: string; scale: QuestionValues['scale']; value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const min = Number(scale.min);
  const max = Number(scale.max);
  const valid = scale.min !== '' && scale.max !== '' && Number.isInteger(min) && Number.isInteger(max) && min >= scaleBounds.min && max <= scaleBounds.max && min < max;
  if (!valid) {
    return (
      <Stack gap={4}>
        <Text fw={500}>{label}</Text>
        <Text size="sm" fs="italic">
          {t('templates.preview.scaleIncomplete')}
        </Text>
      </Stack>
    );
  }
  const steps = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  const radio = (option: string, text: string, description?: string) => (
    <Radio
      key={option}
      name={`preview-${id}`}
      value={option}
      label={text}
      description={description || undefined}
      checked={value === option}
      onChange={(event) => {
        if (event.currentTarget.checked) onChange(option);
      }}
    />
  );
  const minLabel = scale.minLabel.trim();
  const maxLabel = scale.maxLabel.trim();
  return (
    <fieldset className="form-group" aria-describedby={`${id}-help`}>
      <legend>
        <Input.Label labelElement="div" size="md" mb={0}>
          {label}
        </Input.Label>
      </legend>
      <Stack gap="xs">
        <Input.Description id={`${id}-help`} size="md">
          {t('templates.preview.scaleHelp', { min, max, minLabel: minLabel || '…', maxLabel: maxLabel || '…' })}
        </Input.Description>
        <SimpleGrid cols={{ base: Math.min(steps.length, 3), sm: Math.min(steps.length, 6) }} spacing="sm" verticalSpacing="sm">
          {steps.map((n) => radio(String(n), String(n), n === min ? minLabel : n === max ? maxLabel : undefined))}
        </SimpleGrid>
        {radio('', t('templates.preview.noAnswer'))}
      </Stack>
    </fieldset>
  );
}
