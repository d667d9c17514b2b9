export interface ResultFilterValues {
  collegeId?: number;
  classId?: number;
  passed?: boolean;
  q: string;
}
