/* libFuzzer target: any bytes read as a discord-txt export (import-fuzz.h). */
#define READER import_discord_txt
#include "import-fuzz.h"
