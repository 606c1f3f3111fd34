import { Button, Group, Input, NumberInput, SimpleGrid, Stack, Text, TextInput, VisuallyHidden } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { questionTypes, type QuestionType } from '../../api/plan-assessments';
import { EditableList } from '../../components/EditableList';
import { FieldGroup } from '../../components/FieldGroup';
import { RadioFieldset } from '../../components/RadioFieldset';
import { isChoice, maxOptions, maxQuestions, maxSections, newOption, newQuestion, newSection, scaleBounds, type QuestionValues, type TemplateFormValues } from './assessment-template-form';
import { QuestionPreview } from './QuestionPreview';

type Form = UseFormReturnType<TemplateFormValues>;

/**
 * A problem of a whole list ("at least two choices"), under it. It takes the focus after a refused
 * submit (data-problem) when no field in error comes before it.
 */
function ListProblem({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <Input.Error id={id} size="md" tabIndex={-1} data-problem="true">
      {message}
    </Input.Error>
  );
}

const messageOf = (error: unknown) => (typeof error === 'string' ? error : undefined);

/** Which sections show their questions, by section key: a long template opens folded. */
export interface OpenSections {
  isOpen: (key: string) => boolean;
  toggle: (key: string) => void;
  open: (key: string) => void;
}

/**
 * The template's name and its sections, each with its questions, in order. A section's questions
 * fold away behind a button, so that a long template (the default has eight sections) stays easy
 * to go through on a tablet.
 */
export function AssessmentTemplateFields({ form, sections }: { form: Form; sections: OpenSections }) {
  const { t } = useTranslation();
  const sectionsProblem = useId();
  return (
    <Stack gap="xl">
      <FieldGroup title={t('templates.form.general')}>
        <TextInput label={t('templates.form.name')} description={t('templates.form.nameHelp')} required autoComplete="off" maxLength={200} {...form.getInputProps('name')} />
      </FieldGroup>
      <FieldGroup title={t('templates.form.sections')} description={t('templates.form.sectionsHelp')}>
        <EditableList
          items={form.values.sections}
          getKey={(s) => s.key}
          max={maxSections}
          labels={{
            legend: (n) => t('templates.form.sectionLegend', { n }),
            item: (n) => t('templates.form.sectionItem', { n }),
            add: t('templates.form.addSection'),
          }}
          onAdd={() => {
            const section = newSection();
            form.clearFieldError('sections');
            sections.open(section.key);
            form.insertListItem('sections', section);
          }}
          onMove={(from, to) => form.reorderListItem('sections', { from, to })}
          onRemove={(index) => form.removeListItem('sections', index)}
          empty={<Text>{t('templates.form.noSections')}</Text>}
          renderItem={(section, index) => <SectionFields form={form} index={index} open={sections.isOpen(section.key)} onToggle={() => sections.toggle(section.key)} />}
        />
        <ListProblem id={sectionsProblem} message={messageOf(form.errors.sections)} />
      </FieldGroup>
    </Stack>
  );
}

function SectionFields({ form, index, open, onToggle }: { form: Form; index: number; open: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  const questionsId = useId();
  const section = form.values.sections[index];
  if (!section) return null;
  const at = `sections.${index}`;
  const n = index + 1;
  const count = section.questions.length;
  return (
    <Stack gap="md">
      <TextInput label={t('templates.form.sectionTitle')} required autoComplete="off" maxLength={200} {...form.getInputProps(`${at}.title`)} />
      <Group justify="space-between" gap="sm">
        <Text size="sm">{t('templates.assessments.questions', { count })}</Text>
        <Button variant="light" size="sm" aria-expanded={open} aria-controls={questionsId} onClick={onToggle}>
          {open ? t('templates.form.hideQuestions') : t('templates.form.showQuestions')}
          <VisuallyHidden>{t('templates.form.ofSection', { n })}</VisuallyHidden>
        </Button>
      </Group>
      <div id={questionsId} hidden={!open}>
        <EditableList
          items={section.questions}
          getKey={(q) => q.key}
          max={maxQuestions}
          labels={{
            legend: (position) => t('templates.form.questionLegend', { n: position }),
            item: (position) => t('templates.form.questionItem', { n: position, section: n }),
            add: t('templates.form.addQuestion', { n }),
          }}
          onAdd={() => form.insertListItem(`${at}.questions`, newQuestion())}
          onMove={(from, to) => form.reorderListItem(`${at}.questions`, { from, to })}
          onRemove={(questionIndex) => form.removeListItem(`${at}.questions`, questionIndex)}
          empty={<Text>{t('templates.form.noQuestions')}</Text>}
          renderItem={(question, questionIndex) => <QuestionFields form={form} sectionIndex={index} index={questionIndex} question={question} />}
        />
      </div>
    </Stack>
  );
}

function QuestionFields({ form, sectionIndex, index, question }: { form: Form; sectionIndex: number; index: number; question: QuestionValues }) {
  const { t } = useTranslation();
  const at = `sections.${sectionIndex}.questions.${index}`;
  const setType = (type: QuestionType) => {
    form.setFieldValue(`${at}.type`, type);
    // A choice starts with two empty choices to fill in.
    if (isChoice(type) && question.options.length < 2) {
      form.setFieldValue(`${at}.options`, [...question.options, ...Array.from({ length: 2 - question.options.length }, newOption)]);
    }
  };
  return (
    <Stack gap="md">
      <TextInput label={t('templates.form.questionLabel')} required autoComplete="off" maxLength={500} {...form.getInputProps(`${at}.label`)} />
      <RadioFieldset
        legend={t('templates.form.type')}
        required
        name={`type-${question.key}`}
        options={questionTypes.map((type) => ({ value: type, label: t(`templates.form.types.${type}`) }))}
        value={question.type}
        onChange={(value) => setType(value as QuestionType)}
        cols={{ base: 2, sm: 4 }}
      />
      {isChoice(question.type) && <OptionsFields form={form} at={at} question={question} position={{ section: sectionIndex + 1, question: index + 1 }} />}
      {question.type === 'scale' && <ScaleFields form={form} at={at} />}
      <QuestionPreview question={question} />
    </Stack>
  );
}

function OptionsFields({ form, at, question, position }: { form: Form; at: string; question: QuestionValues; position: { section: number; question: number } }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset className="form-group" aria-describedby={`${id}-help`}>
      <legend>
        <Input.Label labelElement="div" required size="md" mb={0}>
          {t('templates.form.options')}
        </Input.Label>
      </legend>
      <Stack gap="xs">
        <Input.Description id={`${id}-help`} size="md">
          {t('templates.form.optionsHelp')}
        </Input.Description>
        <EditableList
          items={question.options}
          getKey={(o) => o.key}
          max={maxOptions}
          labels={{
            legend: (n) => t('templates.form.optionLegend', { n }),
            item: (n) => t('templates.form.optionItem', { n, question: position.question, section: position.section }),
            add: t('templates.form.addOption'),
          }}
          onAdd={() => {
            form.clearFieldError(`${at}.options`);
            form.insertListItem(`${at}.options`, newOption());
          }}
          onMove={(from, to) => form.reorderListItem(`${at}.options`, { from, to })}
          onRemove={(index) => form.removeListItem(`${at}.options`, index)}
          empty={<Text>{t('templates.form.noOptions')}</Text>}
          renderItem={(_option, index) => {
            const props = form.getInputProps(`${at}.options.${index}.label`);
            // The server names a refused choice by its place in the list.
            const error = (props.error as ReactNode) ?? form.errors[`${at}.options.${index}`];
            return <TextInput label={t('templates.form.optionLabel')} required autoComplete="off" maxLength={200} {...props} error={error} />;
          }}
        />
        <ListProblem id={`${id}-problem`} message={messageOf(form.errors[`${at}.options`])} />
      </Stack>
    </fieldset>
  );
}

function ScaleFields({ form, at }: { form: Form; at: string }) {
  const { t } = useTranslation();
  const id = useId();
  const numberProps = { size: 'md', min: scaleBounds.min, max: scaleBounds.max, allowDecimal: false, allowNegative: false, clampBehavior: 'none', hideControls: true, inputMode: 'numeric', required: true } as const;
  return (
    <fieldset className="form-group" aria-describedby={`${id}-help`}>
      <legend>
        <Input.Label labelElement="div" required size="md" mb={0}>
          {t('templates.form.scale')}
        </Input.Label>
      </legend>
      <Stack gap="sm">
        <Input.Description id={`${id}-help`} size="md">
          {t('templates.form.scaleHelp')}
        </Input.Description>
        <SimpleGrid cols={{ base: 1, sm: 2 }} className="fields-align-end">
          <NumberInput label={t('templates.form.scaleMin')} {...numberProps} {...form.getInputProps(`${at}.scale.min`)} />
          <TextInput label={t('templates.form.scaleMinLabel')} description={t('templates.form.scaleMinLabelHelp')} required autoComplete="off" maxLength={100} {...form.getInputProps(`${at}.scale.minLabel`)} />
          <NumberInput label={t('templates.form.scaleMax')} {...numberProps} {...form.getInputProps(`${at}.scale.max`)} />
          <TextInput label={t('templates.form.scaleMaxLabel')} description={t('templates.form.scaleMaxLabelHelp')} required autoComplete="off" maxLength={100} {...form.getInputProps(`${at}.scale.maxLabel`)} />
        </SimpleGrid>
        <ListProblem id={`${id}-problem`} message={messageOf(form.errors[`${at}.scale`])} />
      </Stack>
    </fieldset>
  );
}
