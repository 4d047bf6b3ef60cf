/**
 * Limits on a table's shape that every format and the row stage keep, so that a small hostile file
 * cannot make a table whose cells are counted in hundreds of millions (a header of 20 000 tabs over
 * 20 000 rows: 200 KB that once ran out of memory).
 */

/**
 * Most columns a table is read with. Report tables have a handful (the widest in the corpus, under
 * twenty); the cells past the limit are joined into the last column, as surplus cells of a row are.
 */
export const MAX_TABLE_COLUMNS = 50;

/**
 * Longest label of that last column, which joins the labels of the columns it stands for: every cell
 * of the column carries its label into the report.
 */
export const MAX_JOINED_LABEL = 200;
