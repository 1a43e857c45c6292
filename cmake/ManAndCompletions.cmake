# ManAndCompletions.cmake: the rehearse(1) man page and shell completions.
#
# Include from the top-level CMakeLists.txt after include(GNUInstallDirs):
#
#   include(cmake/ManAndCompletions.cmake)
#
# The man page is built from docs/rehearse.1.scd with scdoc(1) when scdoc is
# installed; without it the page is skipped and the build goes on.  The
# completions are installed as they are:
#   bash: ${CMAKE_INSTALL_DATADIR}/bash-completion/completions/rehearse
#   zsh:  ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions/_rehearse

include_guard(GLOBAL)
include(GNUInstallDirs)

# Paths are taken relative to this file's parent, so the module works
# whichever directory includes it.
get_filename_component(_rehearse_root "${CMAKE_CURRENT_LIST_DIR}" DIRECTORY)

find_program(SCDOC scdoc DOC "scdoc, to build the rehearse(1) man page")

if(SCDOC)
  set(_rehearse_man_src "${_rehearse_root}/docs/rehearse.1.scd")
  set(_rehearse_man_out "${CMAKE_CURRENT_BINARY_DIR}/rehearse.1")
  # scdoc reads standard input and writes standard output.  Writing to a
  # temporary file first keeps a failed run from leaving a truncated page
  # that looks up to date.
  add_custom_command(
    OUTPUT "${_rehearse_man_out}"
    COMMAND sh -c "\"$1\" < \"$2\" > \"$3.tmp\" && mv -f \"$3.tmp\" \"$3\""
            sh "${SCDOC}" "${_rehearse_man_src}" "${_rehearse_man_out}"
    MAIN_DEPENDENCY "${_rehearse_man_src}"
    COMMENT "Building the rehearse(1) man page with scdoc"
    VERBATIM)
  add_custom_target(manpage ALL DEPENDS "${_rehearse_man_out}")
  install(FILES "${_rehearse_man_out}"
          DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
else()
  message(STATUS "scdoc not found: the rehearse(1) man page will not be "
                 "built or installed")
endif()

install(FILES "${_rehearse_root}/completions/rehearse.bash"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions"
        RENAME rehearse)
install(FILES "${_rehearse_root}/completions/_rehearse"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions")

unset(_rehearse_root)
