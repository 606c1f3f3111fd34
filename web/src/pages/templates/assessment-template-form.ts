import { randomId } from '@mantine/hooks';
import type { useTranslation } from 'react-i18next';
import type { AssessmentTemplate, QuestionType } from '../../api/plan-assessments';
import type { AssessmentTemplateInput } from '../../api/templates';

// The limits the API sets (ZSection in src/modules/plans/routes.ts), said before sending.
export const maxSections = 30;
export const maxQuestions = 50;
export const maxOptions = 20;
export const scaleBounds = { min: 0, max: 10 };

export interface OptionValues {
  key: string;
  label: string;
}

/**
 * A question as the form holds it. Options and scale stay in the form whatever the type, so that
 * switching the type back and forth loses nothing; only those the type needs are sent.
 */
export interface QuestionValues {
  key: string;
  /** Kept from the saved template: past answers are filed under it. */
  id: string | null;
  label: string;
  type: QuestionType;
  options: OptionValues[];
  scale: { min: number | string; max: number | string; minLabel: string; maxLabel: string };
}

export interface SectionValues {
  key: string;
  id: string | null;
  title: string;
  questions: QuestionValues[];
}

export interface TemplateFormValues extends Record<string, unknown> {
  name: string;
  sections: SectionValues[];
}

export const isChoice = (type: QuestionType) => type === 'choice' || type === 'multi_choice';

export const newOption = (): OptionValues => ({ key: randomId('option-'), label: '' });

export const newQuestion = (): QuestionValues => ({ key: randomId('question-'), id: null, label: '', type: 'text', options: [], scale: { min: 1, max: 5, minLabel: '', maxLabel: '' } });

export const newSection = (): SectionValues => ({ key: randomId('section-'), id: null, title: '', questions: [newQuestion()] });

/**
 * The form's values for a template: to change it (ids kept), or to start a new one from it
 * (`copyName`: ids dropped, the server makes new ones).
 */
export function templateFormValues(template?: AssessmentTemplate, copyName?: string): TemplateFormValues {
  const keepIds = copyName === undefined;
  return {
    name: copyName ?? template?.name ?? '',
    sections: template
      ? template.sections.map((s) => ({
          key: randomId('section-'),
          id: keepIds ? s.id : null,
          title: s.title,
          questions: s.questions.map((q) => ({
            key: randomId('question-'),
            id: keepIds ? q.id : null,
            label: q.label,
            type: q.type,
            options: (q.options ?? []).map((label) => ({ key: randomId('option-'), label })),
            scale: q.scale ? { ...q.scale } : { min: 1, max: 5, minLabel: '', maxLabel: '' },
          })),
        }))
      : [newSection()],
  };
}

/** What the API receives: trimmed text, the ids of what already existed, only what each type needs. */
export function templateInput(values: TemplateFormValues): AssessmentTemplateInput {
  return {
    name: values.name.trim(),
    sections: values.sections.map((s) => ({
      ...(s.id ? { id: s.id } : {}),
      title: s.title.trim(),
      questions: s.questions.map((q) => ({
        ...(q.id ? { id: q.id } : {}),
        label: q.label.trim(),
        type: q.type,
        ...(isChoice(q.type) ? { options: q.options.map((o) => o.label.trim()) } : {}),
        ...(q.type === 'scale' ? { scale: { min: Number(q.scale.min), max: Number(q.scale.max), minLabel: q.scale.minLabel.trim(), maxLabel: q.scale.maxLabel.trim() } } : {}),
      })),
    })),
  };
}

type Translate = ReturnType<typeof useTranslation>['t'];

const wholeIn = (value: number | string, min: number, max: number) => value !== '' && Number.isInteger(Number(value)) && Number(value) >= min && Number(value) <= max;

/**
 * The checks the server makes, said before sending, keyed by the form's paths. A list's own problem
 * ("at least two choices") is keyed by the list's path and shown under it.
 */
export function templateErrors(values: TemplateFormValues, t: Translate): Record<string, string> {
  const errors: Record<string, string> = {};
  const text = (path: string, value: string, max: number) => {
    if (!value.trim()) errors[path] = t('validation.required');
    else if (value.trim().length > max) errors[path] = t('person.tooLong', { count: max });
  };
  text('name', values.name, 200);
  if (values.sections.length === 0) errors.sections = t('templates.form.sectionsRequired');
  values.sections.forEach((section, si) => {
    text(`sections.${si}.title`, section.title, 200);
    section.questions.forEach((question, qi) => {
      const at = `sections.${si}.questions.${qi}`;
      text(`${at}.label`, question.label, 500);
      if (isChoice(question.type)) {
        const seen = new Set<string>();
        question.options.forEach((option, oi) => {
          text(`${at}.options.${oi}.label`, option.label, 200);
          const label = option.label.trim().toLocaleLowerCase();
          // Said on the second of two equal choices: an answer is kept as the choice's words.
          if (label && seen.has(label)) errors[`${at}.options.${oi}.label`] = t('templates.form.optionDuplicate');
          seen.add(label);
        });
        if (question.options.length < 2) errors[`${at}.options`] = t('templates.form.optionsMin');
      }
      if (question.type === 'scale') {
        const { min, max } = question.scale;
        if (!wholeIn(min, scaleBounds.min, scaleBounds.max - 1)) errors[`${at}.scale.min`] = t('templates.form.scaleMinRange');
        if (!wholeIn(max, scaleBounds.min + 1, scaleBounds.max)) errors[`${at}.scale.max`] = t('templates.form.scaleMaxRange');
        else if (!errors[`${at}.scale.min`] && Number(min) >= Number(max)) errors[`${at}.scale.max`] = t('templates.form.scaleOrder');
        text(`${at}.scale.minLabel`, question.scale.minLabel, 100);
        text(`${at}.scale.maxLabel`, question.scale.maxLabel, 100);
      }
    });
  });
  return errors;
}
