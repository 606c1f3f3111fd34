import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../components/guards';
import { NotFoundPage } from '../home/NotFoundPage';
import { EditPartnerPage, NewPartnerPage } from './PartnerFormPage';
import { PartnerPage } from './PartnerPage';
import { PartnersPage } from './PartnersPage';

/** Everything under /partners: every staff member reads, partners:manage creates and changes. */
export function PartnersRoutes() {
  return (
    <Routes>
      <Route index element={<PartnersPage />} />
      <Route path="new" element={<RequirePermission permission="partners:manage"><NewPartnerPage /></RequirePermission>} />
      <Route path=":partnerId" element={<PartnerPage />} />
      <Route path=":partnerId/edit" element={<RequirePermission permission="partners:manage"><EditPartnerPage /></RequirePermission>} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
