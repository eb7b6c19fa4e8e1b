import type { ComponentType } from 'react';
import {
  IconAlertTriangle,
  IconBell,
  IconBroadcast,
  IconAward,
  IconChartBar,
  IconClipboardCheck,
  IconFlame,
  IconMap2,
  IconMessageReport,
  IconBuildingCommunity,
  IconChecklist,
  IconFileText,
  IconHome,
  IconInbox,
  IconKey,
  IconListDetails,
  IconMapPin,
  IconPresentation,
  IconUserShield,
  IconUsers,
} from '@tabler/icons-react';
import type { Me } from '../../contracts/accounts.ts';

export interface NavItem {
  to: string;
  labelKey: string;
  icon: ComponentType<{ size?: number; stroke?: number }>;
  section: 'work' | 'admin' | 'self';
  /** Shown only when the server says the user may (Me.can). */
  visible?: (me: Me) => boolean;
}

/** The navigation; business modules are added here as they arrive. "Việc của tôi" is the landing page. */
export const NAV_ITEMS: NavItem[] = [
  { to: '/', labelKey: 'nav.myWork', icon: IconInbox, section: 'work' },
  { to: '/tasks', labelKey: 'nav.tasks', icon: IconChecklist, section: 'work' },
  { to: '/documents', labelKey: 'nav.documents', icon: IconFileText, section: 'work' },
  { to: '/conferences', labelKey: 'nav.conferences', icon: IconPresentation, section: 'work' },
  { to: '/notifications', labelKey: 'nav.notifications', icon: IconBell, section: 'work' },
  { to: '/board', labelKey: 'nav.board', icon: IconBroadcast, section: 'work' },
  { to: '/incidents', labelKey: 'nav.incidents', icon: IconAlertTriangle, section: 'work' },
  { to: '/tips', labelKey: 'nav.tips', icon: IconMessageReport, section: 'work' },
  { to: '/statistics', labelKey: 'nav.statistics', icon: IconChartBar, section: 'work' },
  { to: '/map', labelKey: 'nav.map', icon: IconMap2, section: 'work' },
  { to: '/reviews', labelKey: 'nav.reviews', icon: IconClipboardCheck, section: 'work' },
  { to: '/campaigns', labelKey: 'nav.campaigns', icon: IconFlame, section: 'work' },
  { to: '/awards', labelKey: 'nav.awards', icon: IconAward, section: 'work' },
  { to: '/dashboard', labelKey: 'nav.dashboard', icon: IconHome, section: 'work' },
  { to: '/organisation', labelKey: 'nav.organisation', icon: IconBuildingCommunity, section: 'work' },
  { to: '/communes', labelKey: 'nav.communes', icon: IconMapPin, section: 'work' },
  { to: '/people', labelKey: 'nav.people', icon: IconUsers, section: 'work' },
  { to: '/users', labelKey: 'nav.users', icon: IconUserShield, section: 'admin', visible: (me) => me.can.manageUsers === true },
  { to: '/audit', labelKey: 'nav.audit', icon: IconListDetails, section: 'admin', visible: (me) => me.can.viewAudit === true },
  { to: '/password', labelKey: 'nav.password', icon: IconKey, section: 'self' },
];
