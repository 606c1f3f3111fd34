import { lazy, Suspense, useEffect } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { useSession } from './api/session';
import { RequirePermission, RequireSession } from './components/guards';
import { Loading } from './components/Loading';
import { changeLanguage, currentLocale } from './i18n/setup';
import { AccountPage } from './pages/account/AccountPage';
import { CapacityPage } from './pages/admissions/CapacityPage';
import { EscalationPage } from './pages/escalations/EscalationPage';
import { EscalationSettingsPage } from './pages/escalations/EscalationSettingsPage';
import { MyEscalationsPage } from './pages/escalations/MyEscalationsPage';
import { JournalSearchPage } from './pages/journal/JournalSearchPage';
import { WaitlistPage } from './pages/admissions/WaitlistPage';
import { HomePage } from './pages/home/HomePage';
import { NotFoundPage } from './pages/home/NotFoundPage';
import { SignInPage } from './pages/identity/SignInPage';
import { TwoFactorSetupPage } from './pages/identity/TwoFactorSetupPage';
import { OrganizationPage } from './pages/organizations/OrganizationPage';
import { PartnersRoutes } from './pages/partners/PartnersRoutes';
import { NewPersonPage } from './pages/people/NewPersonPage';
import { PeoplePage } from './pages/people/PeoplePage';
import { PersonPage } from './pages/people/PersonPage';
import { DeadlinesPage } from './pages/plans/DeadlinesPage';
import { EpisodePage } from './pages/plans/EpisodePage';
import { PublicReferralPage } from './pages/public-referral/PublicReferralPage';
import { ReferralsRoutes } from './pages/referrals/ReferralsRoutes';
import { ReminderSettingsPage } from './pages/reminders/ReminderSettingsPage';
import { AppointmentPage } from './pages/scheduling/AppointmentPage';
import { AvailabilityPage } from './pages/scheduling-settings/AvailabilityPage';
import { PlacesPage } from './pages/scheduling-settings/PlacesPage';
import { SlotFinderPage } from './pages/scheduling-settings/SlotFinderPage';
import { ServicesRoutes } from './pages/services/ServicesRoutes';
import { SetupPage } from './pages/setup/SetupPage';
import { InvitationPage } from './pages/staff/InvitationPage';
import { StaffPage } from './pages/staff/StaffPage';
import { TemplatesRoutes } from './pages/templates/TemplatesRoutes';

// The agenda carries the calendar library (the largest part of the app): loaded when first opened.
const AgendaPage = lazy(() => import('./pages/scheduling/AgendaPage').then((module) => ({ default: module.AgendaPage })));

/** A signed-in user sees the interface in the language saved in their account. */
function FollowSavedLanguage() {
  const locale = useSession().data?.staffMember.locale;
  useEffect(() => {
    if (locale && locale !== currentLocale()) void changeLanguage(locale);
  }, [locale]);
  return null;
}

export function App() {
  return (
    <BrowserRouter>
      <FollowSavedLanguage />
      <Routes>
        <Route path="/setup" element={<SetupPage />} />
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/invitation" element={<InvitationPage />} />
        <Route path="/two-factor-setup" element={<TwoFactorSetupPage />} />
        <Route path="/demande/:organizationId" element={<PublicReferralPage />} />
        <Route element={<RequireSession />}>
          <Route index element={<HomePage />} />
          <Route path="people" element={<RequirePermission permission="person:read"><PeoplePage /></RequirePermission>} />
          <Route path="people/new" element={<RequirePermission permission="person:create"><NewPersonPage /></RequirePermission>} />
          <Route path="people/:personId" element={<RequirePermission permission="person:read"><PersonPage /></RequirePermission>} />
          <Route path="prises-en-charge/:episodeId" element={<RequirePermission permission="person:read"><EpisodePage /></RequirePermission>} />
          <Route path="services/*" element={<ServicesRoutes />} />
          <Route path="partners/*" element={<PartnersRoutes />} />
          <Route path="modeles/*" element={<TemplatesRoutes />} />
          <Route path="demandes/*" element={<ReferralsRoutes />} />
          <Route path="liste-attente" element={<RequirePermission permission="referral:triage"><WaitlistPage /></RequirePermission>} />
          <Route path="capacites" element={<RequirePermission permission="referral:triage"><CapacityPage /></RequirePermission>} />
          <Route path="agenda" element={<Suspense fallback={<Loading />}><AgendaPage /></Suspense>} />
          <Route path="rendez-vous/:appointmentId" element={<AppointmentPage />} />
          <Route path="echeances" element={<RequirePermission permission="deadlines:oversee"><DeadlinesPage /></RequirePermission>} />
          <Route path="lieux-ressources" element={<PlacesPage />} />
          <Route path="rappels" element={<RequirePermission permission="scheduling:configure"><ReminderSettingsPage /></RequirePermission>} />
          <Route path="disponibilites" element={<AvailabilityPage />} />
          <Route path="disponibilites/:staffId" element={<AvailabilityPage />} />
          <Route path="agenda/creneaux" element={<RequirePermission permission="appointment:book"><SlotFinderPage /></RequirePermission>} />
          <Route path="staff" element={<RequirePermission permission="staff:manage"><StaffPage /></RequirePermission>} />
          <Route path="organization" element={<RequirePermission permission="organization:manage"><OrganizationPage /></RequirePermission>} />
          <Route path="journal/recherche" element={<RequirePermission permission="person:read"><JournalSearchPage /></RequirePermission>} />
          <Route path="signalements" element={<RequirePermission permission="person:read"><MyEscalationsPage /></RequirePermission>} />
          <Route path="signalements/reglages" element={<RequirePermission permission="escalation:configure"><EscalationSettingsPage /></RequirePermission>} />
          <Route path="signalements/:escalationId" element={<RequirePermission permission="person:read"><EscalationPage /></RequirePermission>} />
          <Route path="account" element={<AccountPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
