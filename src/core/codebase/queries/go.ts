/** Tags query for Go: functions, methods, types, package-level consts and vars; calls (`pkg.Func()` counts as a plain call: it is how Go calls across packages), composite literals, type names. `@top`: package level only (checked in the extractor). */
export const goTags = String.raw`
(function_declaration name: (identifier) @name.definition.function) @definition.function
(method_declaration name: (field_identifier) @name.definition.method) @definition.method
(type_declaration (type_spec name: (type_identifier) @name.definition.class type: (struct_type))) @definition.class
(type_declaration (type_spec name: (type_identifier) @name.definition.interface type: (interface_type))) @definition.interface
(type_declaration (type_spec name: (type_identifier) @name.definition.type type: [(type_identifier) (qualified_type) (function_type) (map_type) (slice_type) (pointer_type) (channel_type) (array_type) (generic_type)])) @definition.type
(method_spec name: (field_identifier) @name.definition.method) @definition.method
(const_declaration (const_spec name: (identifier) @name.definition.constant)) @definition.constant @top
(var_declaration (var_spec name: (identifier) @name.definition.variable)) @definition.variable @top

(call_expression function: (identifier) @name.reference.call)
(call_expression function: (selector_expression field: (field_identifier) @name.reference.call))
(composite_literal type: (type_identifier) @name.reference.class)
(type_identifier) @name.reference.type
(qualified_type name: (type_identifier) @name.reference.type)
`;
