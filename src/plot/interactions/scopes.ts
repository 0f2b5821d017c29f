/** Key scopes of the plot. */

/** Keys heard only while the plot (or something in it) has focus: arrows, Delete, Esc, 1. */
export const PLOT_SCOPE = 'plot';
