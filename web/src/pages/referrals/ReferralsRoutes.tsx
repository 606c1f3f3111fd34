import { Route, Routes } from 'react-router';
import { RequirePermission } from '../../components/guards';
import { NotFoundPage } from '../home/NotFoundPage';
import { NewReferralPage } from './NewReferralPage';
import { ReferralPage } from './ReferralPage';
import { ReferralsPage } from './ReferralsPage';
import './referrals.css';

/** Everything under /demandes: referral:record records a request, referral:triage reads the inbox and each request. */
export function ReferralsRoutes() {
  return (
    <Routes>
      <Route index element={<RequirePermission permission="referral:triage"><ReferralsPage /></RequirePermission>} />
      <Route path="nouvelle" element={<RequirePermission permission="referral:record"><NewReferralPage /></RequirePermission>} />
      <Route path=":referralId" element={<RequirePermission permission="referral:triage"><ReferralPage /></RequirePermission>} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
