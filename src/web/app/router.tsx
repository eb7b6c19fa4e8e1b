import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage.tsx';
import { DashboardPage } from '../features/dashboard/DashboardPage.tsx';
import { OrganisationPage } from '../features/organisation/OrganisationPage.tsx';
import { CommunesPage } from '../features/jurisdictions/CommunesPage.tsx';
import { PeoplePage } from '../features/people/PeoplePage.tsx';
import { UsersPage } from '../features/users/UsersPage.tsx';
import { AuditPage } from '../features/audit/AuditPage.tsx';
import { MyWorkPage } from '../features/tasks/MyWorkPage.tsx';
import { TaskListPage } from '../features/tasks/TaskListPage.tsx';
import { TaskPage } from '../features/tasks/TaskPage.tsx';
import { TaskCreatePage } from '../features/tasks/TaskCreatePage.tsx';
import { DocumentsPage } from '../features/documents/DocumentsPage.tsx';
import { DocumentPage } from '../features/documents/DocumentPage.tsx';
import { DocumentFormPage } from '../features/documents/DocumentFormPage.tsx';
import { ReferenceFinderPage } from '../features/documents/ReferenceFinderPage.tsx';
import { ConferencesPage } from '../features/conferences/ConferencesPage.tsx';
import { ConferencePage } from '../features/conferences/ConferencePage.tsx';
import { ConferenceImportPage } from '../features/conferences/ConferenceImportPage.tsx';
import { NotificationsPage } from '../features/notifications/NotificationsPage.tsx';
import { IncidentListPage } from '../features/incidents/IncidentListPage.tsx';
import { IncidentCreatePage } from '../features/incidents/IncidentCreatePage.tsx';
import { IncidentPage } from '../features/incidents/IncidentPage.tsx';
import { TipListPage } from '../features/tips/TipListPage.tsx';
import { TipPage } from '../features/tips/TipPage.tsx';
import { PublicTipPage } from '../features/public-tip/PublicTipPage.tsx';
import { PublicTipStatusPage } from '../features/public-tip/PublicTipStatusPage.tsx';
import { StatisticsPage } from '../features/statistics/StatisticsPage.tsx';
import { MapPage } from '../features/statistics/MapPage.tsx';
import { BoardPage } from '../features/board/BoardPage.tsx';
import { ReviewListPage } from '../features/reviews/ReviewListPage.tsx';
import { ReviewPage } from '../features/reviews/ReviewPage.tsx';
import { CampaignListPage } from '../features/campaigns/CampaignListPage.tsx';
import { CampaignPage } from '../features/campaigns/CampaignPage.tsx';
import { AwardsPage } from '../features/awards/AwardsPage.tsx';
import { NominationPage } from '../features/awards/NominationPage.tsx';
import { NotFound } from '../components/NotFound.tsx';
import { RequireAuth, RequireAbility } from './guards.tsx';
import { Shell } from './Shell.tsx';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  // Public pages for citizens (no login): send a tip, follow it with the tracking code and secret.
  { path: '/report', element: <PublicTipPage /> },
  { path: '/report/status', element: <PublicTipStatusPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <Shell />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <MyWorkPage /> },
      { path: 'dashboard', element: <DashboardPage /> },
      { path: 'tasks', element: <TaskListPage /> },
      { path: 'tasks/new', element: <TaskCreatePage /> },
      { path: 'tasks/:id', element: <TaskPage /> },
      { path: 'documents', element: <DocumentsPage /> },
      { path: 'documents/new', element: <DocumentFormPage /> },
      { path: 'documents/references', element: <ReferenceFinderPage /> },
      { path: 'documents/:id', element: <DocumentPage /> },
      { path: 'documents/:id/edit', element: <DocumentFormPage /> },
      { path: 'conferences', element: <ConferencesPage /> },
      { path: 'conferences/import', element: <ConferenceImportPage /> },
      { path: 'conferences/:id', element: <ConferencePage /> },
      { path: 'notifications', element: <NotificationsPage /> },
      { path: 'board', element: <BoardPage /> },
      { path: 'incidents', element: <IncidentListPage /> },
      { path: 'incidents/new', element: <IncidentCreatePage /> },
      { path: 'incidents/:id', element: <IncidentPage /> },
      { path: 'tips', element: <TipListPage /> },
      { path: 'tips/:id', element: <TipPage /> },
      { path: 'statistics', element: <StatisticsPage /> },
      { path: 'map', element: <MapPage /> },
      { path: 'reviews', element: <ReviewListPage /> },
      { path: 'reviews/:id', element: <ReviewPage /> },
      { path: 'campaigns', element: <CampaignListPage /> },
      { path: 'campaigns/:id', element: <CampaignPage /> },
      { path: 'awards', element: <AwardsPage /> },
      { path: 'awards/nominations/:id', element: <NominationPage /> },
      { path: 'organisation', element: <OrganisationPage /> },
      { path: 'communes', element: <CommunesPage /> },
      { path: 'people', element: <PeoplePage /> },
      {
        path: 'users',
        element: (
          <RequireAbility ability="manageUsers">
            <UsersPage />
          </RequireAbility>
        ),
      },
      {
        path: 'audit',
        element: (
          <RequireAbility ability="viewAudit">
            <AuditPage />
          </RequireAbility>
        ),
      },
      { path: 'password', element: <ChangePasswordPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
