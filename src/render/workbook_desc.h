/* workbook_desc.h: private to the workbook renderer: the one description of
 * the workbook that both file writers read (workbook_xlsx.c with
 * libxlsxwriter, workbook_ods.c with libxml2 and libzip).
 *
 * Design choice: the sheet writers (workbook_front.c, _live.c, _records.c,
 * _lines.c, _charts.c) never call a file library. They append operations to
 * a wb_desc in the order they make them: cells (text, number, formula with
 * its cached result, array formula, internal link), row heights, column
 * widths, tables, frozen panes, print setup, defined names and charts; the
 * cell formats are a fixed list of named formats (wb_fmt) whose properties
 * are in one table. Each writer replays the same operations, so the XLSX and
 * the ODS cannot drift apart; replaying in order keeps the XLSX exactly as
 * libxlsxwriter wrote it when the sheets called it directly (its shared
 * strings and formats are numbered in order of first use). Formulas are
 * written in Excel's A1 syntax with commas, as in the XLSX; the ODS writer
 * translates them to OpenFormula. */
#ifndef SENDPACK_WORKBOOK_DESC_H
#define SENDPACK_WORKBOOK_DESC_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* The cell formats, in the order the XLSX writer creates them. */
typedef enum wb_fmt {
    WB_FMT_NONE,
    WB_FMT_TITLE,
    WB_FMT_HEADING,
    WB_FMT_TEXT,
    WB_FMT_WRAP,
    WB_FMT_HEADER,
    WB_FMT_HEADER_NUM,
    WB_FMT_NUMBER,
    WB_FMT_SYMBOL,
    WB_FMT_DATE,
    WB_FMT_COUNT,
    WB_FMT_DECIMAL,
    WB_FMT_PCT,
    WB_FMT_GBP,
    WB_FMT_LINK,
    WB_FMT_ASAT,
    WB_FMT_WARNING,
    WB_FMT_MONTH,
    WB_FMT_N
} wb_fmt;

/* How a number is shown; each writer has its own spelling of these. */
typedef enum wb_numfmt {
    WB_NUM_GENERAL,
    WB_NUM_COUNT,   /* #,##0 */
    WB_NUM_DECIMAL, /* #,##0.0## */
    WB_NUM_PCT,     /* 0.0% */
    WB_NUM_GBP,     /* "£"#,##0 */
    WB_NUM_DATE,    /* d mmmm yyyy */
    WB_NUM_MONTH,   /* mmmm yyyy */
} wb_numfmt;

typedef enum wb_halign { WB_ALIGN_NONE, WB_ALIGN_LEFT, WB_ALIGN_RIGHT } wb_halign;

typedef struct wb_format {
    bool bold;
    double size;      /* points; 0: the default */
    bool wrap;
    bool top;         /* vertically aligned to the top */
    wb_halign align;
    int indent;       /* characters */
    wb_numfmt num;
    bool underline;
    unsigned colour;  /* 0xRRGGBB, 0: the default */
    bool border;      /* a medium border all round */
    unsigned fill;    /* 0xRRGGBB, 0: none */
} wb_format;

/* The properties of every format, indexed by wb_fmt. */
extern const wb_format WB_FORMATS[WB_FMT_N];

typedef enum wb_op_kind {
    WB_OP_TEXT,         /* text, fmt */
    WB_OP_NUMBER,       /* num, fmt */
    WB_OP_FORMULA,      /* formula, fmt, num (cached result) */
    WB_OP_FORMULA_TEXT, /* formula, fmt, text (cached result) */
    WB_OP_ARRAY,        /* a one-cell array formula "{=...}", fmt, num */
    WB_OP_LINK,         /* formula ("internal:'Sheet'!A1"), text, fmt */
    WB_OP_ROW,          /* num: height in points */
    WB_OP_COLUMN,       /* num: width in characters */
    WB_OP_TABLE,        /* row..row2, col..col2, text (name), headers, header_fmt */
    WB_OP_FREEZE,       /* row, col: the first cell that scrolls */
    WB_OP_REPEAT_ROWS,  /* row: printed on every page */
    WB_OP_PRINT,        /* A4, one page wide; landscape */
    WB_OP_HIDE_GRID,
    WB_OP_ACTIVATE,
    WB_OP_NAME,         /* text (name), formula (ref such as "$A$9" on sheet) */
    WB_OP_CHART,        /* row, col, chart */
} wb_op_kind;

typedef struct wb_op {
    wb_op_kind kind;
    size_t sheet;
    uint32_t row, col, row2, col2;
    wb_fmt fmt;
    double num;
    char *text;
    char *formula;
    char **headers;     /* WB_OP_TABLE: col2 - col + 1 of them */
    wb_fmt *header_fmt;
    bool landscape;
    size_t chart;
} wb_op;

/* A native chart over columns of a table sheet. */
typedef enum wb_chart_kind { WB_CHART_BAR, WB_CHART_LINE } wb_chart_kind;

typedef struct wb_series {
    char *name;
    uint32_t col;     /* values column on the chart's data sheet */
    unsigned colour;
} wb_series;

typedef struct wb_chart {
    wb_chart_kind kind;
    char *title;
    char *data_sheet;       /* the sheet the categories and values are on */
    uint32_t first_row, last_row; /* data rows (0-based) */
    uint32_t category_col;
    wb_series series[4];
    size_t n_series;
    bool end_labels;        /* line chart: each line named at its end, no legend */
    char *alt;              /* alt text */
    double x_scale, y_scale;
} wb_chart;

typedef struct wb_props {
    char *title, *subject, *author, *category, *keywords, *comments, *status;
    char *as_at;     /* ISO date, the custom property "As at" */
    time_t created;  /* never the clock */
} wb_props;

typedef struct wb_desc {
    GPtrArray *sheets; /* sheet names, in order */
    GArray *ops;       /* wb_op, in the order they were made */
    GPtrArray *charts; /* wb_chart * */
    wb_props props;
} wb_desc;

/* A sheet being described. */
typedef struct wb_sheet {
    wb_desc *d;
    size_t index;
    const char *name;
} wb_sheet;

wb_desc *wb_desc_new(void);
void wb_desc_free(wb_desc *d);
/* Add a sheet (after the others); the handle lives as long as d. */
wb_sheet *wb_desc_add_sheet(wb_desc *d, const char *name);
const wb_op *wb_desc_op(const wb_desc *d, size_t i);
size_t wb_desc_n_ops(const wb_desc *d);

/* Cells: text is always a string cell; formulas are Excel A1 syntax. */
void wb_put_text(wb_sheet *s, uint32_t row, uint32_t col, const char *text, wb_fmt f);
void wb_put_number(wb_sheet *s, uint32_t row, uint32_t col, double v, wb_fmt f);
void wb_put_formula(wb_sheet *s, uint32_t row, uint32_t col, const char *formula, wb_fmt f,
                    double cached);
void wb_put_formula_text(wb_sheet *s, uint32_t row, uint32_t col, const char *formula,
                         wb_fmt f, const char *cached);
void wb_put_array(wb_sheet *s, uint32_t row, uint32_t col, const char *formula, wb_fmt f,
                  double cached);
void wb_put_link(wb_sheet *s, uint32_t row, uint32_t col, const char *url, wb_fmt f,
                 const char *text);
/* Layout. */
void wb_set_row(wb_sheet *s, uint32_t row, double height);
void wb_set_column(wb_sheet *s, uint32_t col, double width);
void wb_add_table(wb_sheet *s, uint32_t row, uint32_t col, uint32_t row2, uint32_t col2,
                  const char *name, const char *const *headers, const wb_fmt *header_fmt);
void wb_freeze(wb_sheet *s, uint32_t row, uint32_t col);
void wb_repeat_row(wb_sheet *s, uint32_t row);
void wb_print(wb_sheet *s, bool landscape);
void wb_hide_grid(wb_sheet *s);
void wb_activate(wb_sheet *s);
/* A workbook-wide name for ref ("$A$9", "$B$5:$B$20") on sheet s. */
void wb_define(wb_sheet *s, const char *name, const char *ref);
/* Place chart (owned by d from now on) with its top left at row, col. */
void wb_insert_chart(wb_sheet *s, uint32_t row, uint32_t col, wb_chart *chart);

/* "B5" (or "$B$5" with abs) of a 0-based row and column; buf >= 16 bytes. */
const char *wb_a1(char *buf, uint32_t row, uint32_t col, bool abs_row, bool abs_col);

/* The two writers: 0, or an error message (g_free it). */
char *wb_xlsx_write(const wb_desc *d, const char *path);
char *wb_ods_write(const wb_desc *d, const char *path);

#endif
