# The page's copy of Dear ImGui's imgui_draw.cpp without its embedded default
# font (ProggyClean, ~12 KB of base85 text, ~10 KB of the page gzip -9:
# issue 14). dsviz always adds its own font before building the atlas
# (web/theme.cpp), so ImFontAtlas::AddFontDefault() is never reached; if it
# were, the copy's GetDefaultCompressedFontDataTTFBase85() reports an ImGui
# assertion and traps instead of reading nothing. ImGui 1.90.1 has no switch
# for this (later versions have IMGUI_DISABLE_DEFAULT_FONT); the pinned
# sources in the cache stay untouched. The desktop compiles the original.
# Run as: cmake -DIN=imgui_draw.cpp -DOUT=x.cpp -P imgui_draw_web.cmake
file(READ "${IN}" src)
set(begin_mark "static const char proggy_clean_ttf_compressed_data_base85[")
set(end_mark "static const char* GetDefaultCompressedFontDataTTFBase85()\n{\n    return proggy_clean_ttf_compressed_data_base85;\n}\n")
string(FIND "${src}" "${begin_mark}" begin)
string(FIND "${src}" "${end_mark}" end)
if(begin EQUAL -1 OR end EQUAL -1 OR end LESS begin)
  message(FATAL_ERROR "imgui_draw_web.cmake: ProggyClean's data not found where ImGui 1.90.1 has it in ${IN}: "
                      "another ImGui version? Check it for IMGUI_DISABLE_DEFAULT_FONT and update web/imgui_draw_web.cmake")
endif()
string(LENGTH "${end_mark}" end_len)
math(EXPR tail_at "${end} + ${end_len}")
string(SUBSTRING "${src}" 0 ${begin} head)
string(SUBSTRING "${src}" ${tail_at} -1 tail)
file(WRITE "${OUT}"
  "// Generated from ${IN} by web/imgui_draw_web.cmake for the page: do not edit.\n"
  "${head}"
  "// dsviz's page: no ProggyClean (web/imgui_draw_web.cmake).\n"
  "static const char* GetDefaultCompressedFontDataTTFBase85()\n{\n"
  "    IM_ASSERT(0 && \"dsviz's page has no default font: add one before building the atlas\");\n"
  "    __builtin_trap();\n}\n"
  "${tail}")
