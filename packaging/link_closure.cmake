# fleet_link_closure(TARGET LIBRARIES_VAR EXTERNALS_VAR)
#
# Walks what TARGET links, as the linker would for a program linking it:
# sets LIBRARIES_VAR to the static libraries of this tree it needs (itself
# included), each once, and EXTERNALS_VAR to everything else they link (imported
# targets, library files and names), each once, in first-seen order. The
# installed archive (packaging/CMakeLists.txt) is made of the first list; the
# second is what its CMake package config must bring in.
#
# A static library needs its PRIVATE dependencies too (its objects call them),
# so LINK_LIBRARIES is walked for static libraries, INTERFACE_LINK_LIBRARIES
# for interface ones. A generator expression other than $<LINK_ONLY:...> is a
# configuration error: the closure could not be known here.
function(fleet_link_closure target libraries_var externals_var)
  set_property(GLOBAL PROPERTY _fleet_closure_libraries "")
  set_property(GLOBAL PROPERTY _fleet_closure_externals "")
  set_property(GLOBAL PROPERTY _fleet_closure_seen "")
  _fleet_link_closure_visit(${target})
  get_property(libraries GLOBAL PROPERTY _fleet_closure_libraries)
  get_property(externals GLOBAL PROPERTY _fleet_closure_externals)
  set(${libraries_var} ${libraries} PARENT_SCOPE)
  set(${externals_var} ${externals} PARENT_SCOPE)
endfunction()

function(_fleet_link_closure_visit item)
  if(item MATCHES "^\\$<LINK_ONLY:(.*)>$")
    set(item "${CMAKE_MATCH_1}")
  elseif(item MATCHES "\\$<")
    message(FATAL_ERROR "fleet_link_closure: cannot follow '${item}'")
  endif()
  if(TARGET ${item})
    get_target_property(aliased ${item} ALIASED_TARGET)
    if(aliased)
      set(item ${aliased})
    endif()
  endif()
  get_property(seen GLOBAL PROPERTY _fleet_closure_seen)
  if(item IN_LIST seen)
    return()
  endif()
  set_property(GLOBAL APPEND PROPERTY _fleet_closure_seen ${item})

  set(imported FALSE)
  if(TARGET ${item})
    get_target_property(imported ${item} IMPORTED)
  endif()
  if(NOT TARGET ${item} OR imported)
    set_property(GLOBAL APPEND PROPERTY _fleet_closure_externals ${item})
    return()
  endif()

  get_target_property(type ${item} TYPE)
  if(type STREQUAL "STATIC_LIBRARY")
    set_property(GLOBAL APPEND PROPERTY _fleet_closure_libraries ${item})
    get_target_property(dependencies ${item} LINK_LIBRARIES)
  elseif(type STREQUAL "INTERFACE_LIBRARY")
    get_target_property(dependencies ${item} INTERFACE_LINK_LIBRARIES)
  else()
    message(FATAL_ERROR "fleet_link_closure: ${item} is a ${type}, not a static library")
  endif()
  if(dependencies)
    foreach(dependency ${dependencies})
      _fleet_link_closure_visit(${dependency})
    endforeach()
  endif()
endfunction()
