import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../components/guards';
import { NotFoundPage } from '../home/NotFoundPage';
import { EditAssessmentTemplatePage, NewAssessmentTemplatePage } from './AssessmentTemplateFormPage';
import { DocumentTemplatePage } from './DocumentTemplatePage';
import { TemplatesPage } from './TemplatesPage';

/**
 * Everything under /modeles, for the coordination (services:manage): the API lets every staff
 * member read the templates, which they meet in a person's episode, not here.
 */
export function TemplatesRoutes() {
  return (
    <RequirePermission permission="services:manage">
      <Routes>
        <Route index element={<TemplatesPage />} />
        <Route path="diagnostics/nouveau" element={<NewAssessmentTemplatePage />} />
        <Route path="diagnostics/:templateId" element={<EditAssessmentTemplatePage />} />
        <Route path="documents/:kind" element={<DocumentTemplatePage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </RequirePermission>
  );
}
