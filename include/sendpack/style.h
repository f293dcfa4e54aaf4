/* style.h: the house style shared by charts, the briefing and the workbook:
 * the Analysis Function palette in order, greys, and fonts chosen by
 * fontconfig name from fonts-dejavu-core so output is the same everywhere. */
#ifndef SENDPACK_STYLE_H
#define SENDPACK_STYLE_H

typedef struct sp_rgb { double r, g, b; } sp_rgb;

#define SP_RGB_HEX(h) ((sp_rgb){((h) >> 16 & 0xff) / 255.0, ((h) >> 8 & 0xff) / 255.0, ((h) & 0xff) / 255.0})

/* Analysis Function categorical palette, in the order to use it. */
#define SP_DARK_BLUE     0x12436D
#define SP_TURQUOISE     0x28A197
#define SP_DARK_PINK     0x801650
#define SP_ORANGE        0xF46A25
#define SP_DARK_GREY     0x3D3D3D
#define SP_LIGHT_PURPLE  0xA285D1
/* Text and rules */
#define SP_TEXT          0x0B0C0C
#define SP_TEXT_SECONDARY 0x505A5F
#define SP_GRID          0xD9D9D9
#define SP_BANNER        0xF46A25
/* Turquoise darkened for text on white (contrast 4.5:1 or more); the
 * palette turquoise itself is for marks. */
#define SP_TURQUOISE_TEXT 0x1D776F

#define SP_FONT_FAMILY   "DejaVu Sans"
#define SP_FONT_MONO     "DejaVu Sans Mono"

#endif
