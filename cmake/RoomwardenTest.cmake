# roomwarden_add_test(<TestClassName> SOURCES file.cpp... LIBS target... [LABELS l...] [TIMEOUT s])
#
# One Qt Test class per file, one ctest entry per class. Every test runs with:
#  - a throw-away HOME and XDG directories under the build tree (wiped before each run), so a
#    test can never read or write the developer's real profile or keyring;
#  - QStandardPaths test mode, switched on by tests/common/TestMain.h's ROOMWARDEN_TEST_MAIN.
set(ROOMWARDEN_TEST_SCRATCH "${CMAKE_BINARY_DIR}/test-home")

function(roomwarden_add_test name)
  cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBS})
  target_include_directories(${name} PRIVATE "${PROJECT_SOURCE_DIR}/tests/common")
  roomwarden_set_warnings(${name})
  set(home "${ROOMWARDEN_TEST_SCRATCH}/${name}")
  add_test(NAME ${name}
           COMMAND "${PROJECT_SOURCE_DIR}/tests/fresh-home" "${home}" $<TARGET_FILE:${name}>)
  set_tests_properties(${name} PROPERTIES ENVIRONMENT
                       "ROOMWARDEN_SOURCE_DIR=${PROJECT_SOURCE_DIR};ROOMWARDEN_BINARY_DIR=${PROJECT_BINARY_DIR}")
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 120)
  endif()
  set_tests_properties(${name} PROPERTIES TIMEOUT ${ARG_TIMEOUT} LABELS "${ARG_LABELS}")
endfunction()
