/* model.h: plain structs for what the published files say.
 *
 * The loader fills an sp_dataset; statistics and renderers only read it.
 * Strings are owned by the dataset (freed by sp_dataset_free). Missing
 * numbers are -1, missing dates 0. No I/O here. */
#ifndef SENDPACK_MODEL_H
#define SENDPACK_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include "sendpack/date.h"
#include "sendpack/ees.h" /* sp_sen2 */

typedef enum {
    SP_FRAMEWORK_2016 = 1, /* previous framework, 2016-2022: WSoA yes/no */
    SP_FRAMEWORK_2023 = 2  /* 2023 framework: three outcome categories */
} sp_framework;

typedef enum {
    SP_REVISIT_NONE = 0, /* not revisited (yet) */
    SP_REVISIT_ALL,      /* "Yes": sufficient progress on all weaknesses */
    SP_REVISIT_SOME,     /* "Some" */
    SP_REVISIT_NO        /* "No" */
} sp_revisit_outcome;

typedef enum {
    SP_OUTCOME_NONE = 0,
    SP_OUTCOME_POSITIVE,     /* Typically positive experiences and outcomes */
    SP_OUTCOME_INCONSISTENT, /* Inconsistent experiences and outcomes */
    SP_OUTCOME_SYSTEMIC      /* Widespread and/or systemic failings */
} sp_outcome;

typedef struct sp_inspection {
    sp_framework framework;
    char *la_code;   /* "E09000002"; "" when the file has no code column */
    char *area_name;
    char *region;    /* Ofsted region as published */
    sp_date start;
    sp_date published;
    /* previous framework */
    bool wsoa;
    int weaknesses;               /* identified in the WSoA; -1 if blank */
    sp_date revisit_start;        /* 0 if none / "Not revisited yet" */
    sp_date revisit_published;    /* 0 if none */
    sp_revisit_outcome revisit_outcome;
    int progress_made;            /* -1 if blank */
    int progress_not_made;        /* -1 if blank */
    /* 2023 framework */
    sp_outcome outcome;
    bool priority_action_plan;
    int priority_actions;         /* -1 if blank */
    /* where it came from */
    const char *file;             /* points at the sp_input's path */
    int line;
} sp_inspection;

typedef enum {
    SP_FUNDING_COMMITTED = 0,
    SP_FUNDING_OPTIONAL_EXTENSION,
    SP_FUNDING_ANNOUNCED
} sp_funding_status;

typedef struct sp_funding {
    char *id;
    char *programme;
    char *description;
    char *recipient;     /* an la_code, an Ofsted region, or "England" */
    double unit_count;   /* -1 if blank */
    double unit_value_gbp; /* -1 if blank */
    double amount_gbp;   /* resolved: amount_gbp, or unit_count x unit_value */
    sp_date period_start;
    sp_date period_end;
    sp_funding_status status;
    char *source;
    const char *file;
    int line;
} sp_funding;

typedef enum {
    SP_INTERVENTION_COMMISSIONER = 0,
    SP_INTERVENTION_STATUTORY_DIRECTION,
    SP_INTERVENTION_ADVISER_SUPPORT,
    SP_INTERVENTION_SAFETY_VALVE,
    SP_INTERVENTION_OTHER,
    SP_INTERVENTION_N
} sp_intervention_type;

typedef struct sp_intervention {
    char *la_code;    /* "" when given by area_name only */
    char *area_name;  /* "" when given by la_code only */
    sp_intervention_type type;
    sp_date start;
    sp_date end;      /* 0 if open */
    char *note;
    char *source;
    const char *file;
    int line;
} sp_intervention;

typedef struct sp_area {
    char *la_code;
    char *name;
    char *region;
    char *old_la_code;
} sp_area;

/* One financial year's dedicated schools grant (DSG) allocations file:
 * what its information sheet and titles say. */
typedef struct sp_dsg_year {
    char *fy;            /* "2023-24", from the file's titles ("2023 to 2024") */
    int fy_start;        /* 2023 */
    char *title;         /* "Dedicated schools grant (DSG): 2023 to 2024 financial year allocations" */
    sp_date published;   /* the information sheet's publication date */
    double england_gbp;       /* the ENGLAND row, high needs before deductions; -1 if absent */
    double england_after_gbp; /* the ENGLAND row, after deductions; -1 if absent */
    bool has_after;      /* the file has the after-deductions column */
    const char *file;    /* the sp_input's path */
} sp_dsg_year;

/* One local authority row of a DSG allocations summary. */
typedef struct sp_dsg {
    size_t year;           /* index into sp_dataset.dsg_years */
    char *old_la_code;     /* the file's 3-digit code, "202" */
    char *name;            /* as in the file, "Camden" */
    char *la_code;         /* the 9-character code it joins to (load/dsg_join.c), "" if none */
    bool joined_by_name;   /* joined on the name alone (no code pair for it) */
    double high_needs_gbp;       /* "High needs block (£s)", before deductions */
    double high_needs_after_gbp; /* "High needs block allocation (£s)", after; -1 if absent */
    const char *file;      /* points at the sp_input's path */
    int line;              /* the sheet row */
} sp_dsg;
/* A hex map layout (HexJSON, the open format of ODI Leeds and the House of
 * Commons Library): one hex per area, at column q and row r of an offset
 * grid. Rows count upwards (r = 0 at the bottom), as HexJSON's do. */
typedef enum {
    SP_HEX_ODD_R = 0, /* pointy-topped hexes, odd rows shifted right */
    SP_HEX_EVEN_R,    /* pointy-topped hexes, even rows shifted right */
    SP_HEX_ODD_Q,     /* flat-topped hexes, odd columns shifted up */
    SP_HEX_EVEN_Q     /* flat-topped hexes, even columns shifted up */
} sp_hex_layout;

typedef struct sp_hex {
    char *code;       /* the hex's key: an area code such as "E08000025" */
    char *name;       /* its "n" or "name", or "" */
    int q, r;
    const char *file; /* the layout file */
    int line;         /* where the hex ends in it (0 when not known) */
} sp_hex;

typedef struct sp_hexmap {
    sp_hex_layout layout;
    sp_hex *hexes; size_t n_hexes;   /* in file order */
    const char *file;
} sp_hexmap;

/* "odd-r", "even-r", "odd-q", "even-q". */
const char *sp_hex_layout_name(sp_hex_layout l);

/* One input file, for the manifest and the sources list. */
typedef struct sp_input {
    char *path;
    char *kind;        /* "inspections-2016", "inspections-2023", "funding", ... */
    size_t rows;       /* data rows read */
    char *sheet;       /* the spreadsheet's sheet read; NULL for CSV */
} sp_input;

typedef struct sp_dataset {
    sp_inspection *inspections; size_t n_inspections;
    sp_funding *funding;        size_t n_funding;
    sp_intervention *interventions; size_t n_interventions;
    sp_area *areas;             size_t n_areas;
    sp_sen2 *sen2;              size_t n_sen2;  /* SEN2 rows (ees.h) */
    void *sen2_text; /* GStringChunk holding the SEN2 rows' text: a code or name
                      * repeated year after year is kept once */
    char *sen2_labels[SP_SEN2_COL_N]; /* from the .meta.csv beside it; NULL if none */
    sp_input *inputs;           size_t n_inputs;
    sp_dsg_year *dsg_years;     size_t n_dsg_years; /* one per DSG file read */
    sp_dsg *dsg;                size_t n_dsg;       /* their local authority rows */
    sp_hexmap *hexmap;          /* the hex map layout; NULL when none was given */
} sp_dataset;

sp_dataset *sp_dataset_new(void);
void sp_dataset_free(sp_dataset *ds);

const char *sp_revisit_outcome_name(sp_revisit_outcome o);  /* "all", "some", "none", "" */
const char *sp_outcome_name(sp_outcome o);                  /* "positive", ... */
const char *sp_outcome_label(sp_outcome o);                 /* published wording */
const char *sp_funding_status_name(sp_funding_status s);    /* "committed", ... */
const char *sp_intervention_type_name(sp_intervention_type t); /* "commissioner", ... */
/* The type in a reader's words: "commissioner appointed", "statutory
 * direction", "SEND adviser support", "safety valve agreement", "other
 * support or intervention". */
const char *sp_intervention_type_label(sp_intervention_type t);

/* Fictional fixture data: sendpack's fixtures give every area a code
 * starting "X" and a digit (X06000011), which no ONS code does. Such data
 * is always illustrative and never mixed with real data (publish.h). */
bool sp_area_code_fictional(const char *code);
/* Where a record came from: file (the input's path; NULL for none found),
 * line (0 when unknown) and its area code. */
typedef struct sp_data_origin {
    const char *file;
    int line;
    const char *code;
} sp_data_origin;
/* The first record with a fictional code and the first with a real
 * (ONS-style, E09000002) code, over inspections, interventions, funding
 * recipients and areas. */
void sp_dataset_origins(const sp_dataset *ds, sp_data_origin *fictional, sp_data_origin *real);
bool sp_dataset_fictional(const sp_dataset *ds);

/* Lower-case words joined by '-': "North East, Yorkshire and the Humber" ->
 * "north-east-yorkshire-and-the-humber". Caller frees. */
char *sp_slug(const char *s);

#endif
