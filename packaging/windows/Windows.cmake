# Windows: an MSI through CPack's WiX generator (WiX Toolset 3.x on PATH), with Qt and the
# compiler runtime deployed next to roomwarden.exe. Included from packaging/Packaging.cmake on
# Windows only. Never built on the project's machines (no Windows): see README.md beside this file.

find_program(ROOMWARDEN_WINDEPLOYQT windeployqt REQUIRED
             HINTS "${QT6_INSTALL_PREFIX}/${QT6_INSTALL_BINS}")
# deploy.cmake runs at install time (so both `cmake --install` and cpack get a self-contained
# folder): windeployqt for Qt, then the other DLLs roomwarden.exe needs.
install(CODE "set(ROOMWARDEN_WINDEPLOYQT [[${ROOMWARDEN_WINDEPLOYQT}]])
set(ROOMWARDEN_EXE [[${CMAKE_INSTALL_BINDIR}/roomwarden.exe]])")
install(SCRIPT "${CMAKE_CURRENT_LIST_DIR}/deploy.cmake")
# The MSVC runtime, beside the executable (no separate redistributable installer).
set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION "${CMAKE_INSTALL_BINDIR}")
include(InstallRequiredSystemLibraries)

set(CPACK_GENERATOR "WIX")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Roomwarden")
# Start-menu shortcut: executable name, then its label.
set(CPACK_PACKAGE_EXECUTABLES "roomwarden;Roomwarden")
# Never change this GUID: it is how Windows Installer knows a newer MSI upgrades an older one.
set(CPACK_WIX_UPGRADE_GUID "6B1D6C2E-3F0A-4C55-9C1B-6E2A7D4B9F10")
set(CPACK_WIX_PROGRAM_MENU_FOLDER "Roomwarden")
# TODO before the first release: a LICENSE file (the tree has none; WiX otherwise shows CMake's
# default licence text) and an .ico rendered from resources/icons/roomwarden.svg.
if(EXISTS "${PROJECT_SOURCE_DIR}/LICENSE")
  set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
endif()
if(EXISTS "${PROJECT_SOURCE_DIR}/packaging/windows/roomwarden.ico")
  set(CPACK_WIX_PRODUCT_ICON "${PROJECT_SOURCE_DIR}/packaging/windows/roomwarden.ico")
endif()
