// Sentences whose words share WordNet concepts (dog/cat, jury/juror/court, car/truck) and one word WordNet does not
// know (Zyxwvut): the small corpus the layered-model and robust-layered tests train on.
export const CONCEPT_SENTENCES = [
  'The dog chased the cat across the yard.',
  'A jury heard the juror and the court.',
  'Dogs and cats ate the food in the kitchen.',
  'The truck hit the car by the river bank.',
  'The court sent the jury home; the dog slept.',
  'Cars and trucks filled the road to the court.',
  'The cat ate the fish; the dog ate the meat.',
  'Zyxwvut drove the car quickly to the river.',
] as const;
