import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { MeContext, useMe, useMeQuery } from '../features/auth/session.ts';
import { ErrorState } from '../components/ErrorState.tsx';
import { NotAllowed } from '../components/NotAllowed.tsx';

/** Renders its children only for a signed-in user; otherwise goes to the login page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMeQuery();
  if (me.isPending)
    return (
      <Center h="100vh">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <MeContext.Provider value={me.data}>{children}</MeContext.Provider>;
}

/** A page reserved to users whose `can[ability]` is true (as the server says); others see "not allowed". */
export function RequireAbility({ ability, children }: { ability: string; children: ReactNode }) {
  const me = useMe();
  return me.can[ability] ? <>{children}</> : <NotAllowed />;
}
