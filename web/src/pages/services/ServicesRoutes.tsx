import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../components/guards';
import { NotFoundPage } from '../home/NotFoundPage';
import { EditServicePage, NewServicePage } from './ServiceFormPage';
import { ServicePage } from './ServicePage';
import { ServicesPage } from './ServicesPage';

/** Everything under /services: every staff member reads, services:manage creates and changes. */
export function ServicesRoutes() {
  return (
    <Routes>
      <Route index element={<ServicesPage />} />
      <Route path="new" element={<RequirePermission permission="services:manage"><NewServicePage /></RequirePermission>} />
      <Route path=":serviceId" element={<ServicePage />} />
      <Route path=":serviceId/edit" element={<RequirePermission permission="services:manage"><EditServicePage /></RequirePermission>} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
