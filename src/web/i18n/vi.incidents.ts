/** Vietnamese texts of the incidents pages (issue 4). Every key here must also exist in en.incidents.ts. */
export const viIncidents = {
  incidents: {
    title: 'Vụ việc ANTT',
  },
};
