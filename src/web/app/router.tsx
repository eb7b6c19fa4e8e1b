import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage.tsx';
import { DashboardPage } from '../features/dashboard/DashboardPage.tsx';
import { OrganisationPage } from '../features/organisation/OrganisationPage.tsx';
import { CommunesPage } from '../features/jurisdictions/CommunesPage.tsx';
import { PeoplePage } from '../features/people/PeoplePage.tsx';
import { UsersPage } from '../features/users/UsersPage.tsx';
import { AuditPage } from '../features/audit/AuditPage.tsx';
import { NotFound } from '../components/NotFound.tsx';
import { RequireAuth, RequireAbility } from './guards.tsx';
import { Shell } from './Shell.tsx';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <Shell />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <DashboardPage /> },
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
