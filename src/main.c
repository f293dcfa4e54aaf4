/* main.c: STUB, being written now. */
#include <stdio.h>
int main(void) { puts("sendpack"); return 0; }
