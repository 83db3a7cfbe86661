# CPACK_PRE_BUILD_SCRIPTS: runs after CPack staged the install tree, before the package is made.
# The sandbox platform (roomwarden-sandbox, .exe on Windows) is installed by sandbox/CMakeLists.txt
# for developers and tests; users do not get it. Anything else unwanted is caught by the
# deb_package ctest's exact file list.
file(GLOB_RECURSE developer_files LIST_DIRECTORIES false
     "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*roomwarden-sandbox"
     "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*roomwarden-sandbox.exe")
foreach(file IN LISTS developer_files)
  message(STATUS "Leaving the developer tool ${file} out of the package")
  file(REMOVE "${file}")
endforeach()
