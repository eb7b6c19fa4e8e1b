import { useState } from 'react';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { isApiError, setUnauthorizedHandler } from '../lib/api.ts';
import { meKey } from '../features/auth/session.ts';
import { theme } from './theme.ts';
import { router } from './router.tsx';

function makeQueryClient(): QueryClient {
  const qc = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Errors the user can do nothing about by retrying are shown at once.
        retry: (count, e) => !(isApiError(e) && e.status >= 400 && e.status < 500) && count < 2,
      },
    },
  });
  // Any 401 means the session ended: forget the user, the guard sends them to the login page.
  setUnauthorizedHandler(() => {
    sessionStorage.setItem('phoihop.sessionEnded', '1');
    qc.setQueryData(meKey, null);
  });
  return qc;
}

export function App() {
  const [queryClient] = useState(makeQueryClient);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
