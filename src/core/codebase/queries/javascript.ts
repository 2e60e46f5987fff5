/**
 * Tags query for JavaScript (and JSX): functions, classes, methods, top-level bindings; calls, `new`, imports, JSX.
 * `@top`: only at the top level, as in the TypeScript query.
 */
export const javascriptTags = String.raw`
(function_declaration name: (identifier) @name.definition.function) @definition.function
(generator_function_declaration name: (identifier) @name.definition.function) @definition.function
(class_declaration name: (identifier) @name.definition.class) @definition.class
(method_definition name: [(property_identifier) (private_property_identifier)] @name.definition.method) @definition.method
(lexical_declaration (variable_declarator name: (identifier) @name.definition.constant)) @definition.constant @top
(variable_declaration (variable_declarator name: (identifier) @name.definition.variable)) @definition.variable @top
(expression_statement (assignment_expression left: (member_expression property: (property_identifier) @name.definition.function) right: [(function_expression) (arrow_function)])) @definition.function @top

(call_expression function: (identifier) @name.reference.call)
(call_expression function: (member_expression property: (property_identifier) @name.reference.member))
(new_expression constructor: (identifier) @name.reference.class)
(new_expression constructor: (member_expression property: (property_identifier) @name.reference.class))
(class_heritage (identifier) @name.reference.class)
(import_specifier name: (identifier) @name.reference.import)
(jsx_opening_element name: (identifier) @name.reference.class)
(jsx_self_closing_element name: (identifier) @name.reference.class)
`;
