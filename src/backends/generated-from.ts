/** Where a generated file comes from, for its header (the same for the code and the notes). */
export interface GeneratedFrom {
  readonly source: string;
  readonly command: string;
  readonly notes: string;
  readonly version: string;
}
