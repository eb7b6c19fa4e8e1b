/** Vietnamese texts of the board pages (issue 4). Every key here must also exist in en.board.ts. */
export const viBoard = {
  board: {
    title: 'Bảng trực',
  },
};
