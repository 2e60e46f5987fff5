import { typescriptTags } from './typescript';

/** Tags query for TSX: the TypeScript query plus JSX elements as references to their components. */
export const tsxTags = typescriptTags + String.raw`
(jsx_opening_element name: (identifier) @name.reference.class)
(jsx_self_closing_element name: (identifier) @name.reference.class)
(jsx_opening_element name: (member_expression property: (property_identifier) @name.reference.class))
(jsx_self_closing_element name: (member_expression property: (property_identifier) @name.reference.class))
`;
