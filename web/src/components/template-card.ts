export interface TemplateCardEntry {
  term: string;
  note: string;
}
